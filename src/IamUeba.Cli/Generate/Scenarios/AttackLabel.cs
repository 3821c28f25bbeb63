namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>The ground truth for one attacker principal, as the labels file states it.</summary>
internal sealed record AttackLabel(
    string Principal,
    string PrincipalType,
    string Scenario,
    IReadOnlyList<string> Mitre,
    IReadOnlyList<string> Stratus,
    string Description,
    long Start,
    long End,
    IReadOnlyList<string> EventIds,
    IReadOnlyList<string> SourceIps,
    IReadOnlyList<string> RelatedPrincipals);
