using IamUeba.Core.Risk;
using IamUeba.Core.Rules;
using IamUeba.Core.Scoring;

namespace IamUeba.Cli.Evaluate;

/// <summary>What one variant made of one principal.</summary>
/// <param name="Scenario">The attack scenario, or null for a normal principal (not in the labels).</param>
/// <param name="MlRank">1 for the highest ML score (ties by key); null when the ML layer did not run.</param>
/// <param name="RulesLevel">The level from rule points and the failure penalty alone, as with the ML layer off.</param>
/// <param name="Level">The answer's risk_level: rules, failure penalty and the ML flag.</param>
/// <param name="Why">The ML layer's top features, as the answer words them.</param>
internal sealed record PrincipalOutcome(string Key, string? Scenario, double MlScore, bool Flagged, int? MlRank, RiskLevel RulesLevel, RiskLevel Level, IReadOnlyList<string> Rules, string Why)
{
    public bool IsAttacker => Scenario is not null;

    /// <summary>Root used on purpose (R11) and an admin creating a key for a service user (R12): reported by design, so counted apart when HIGH.</summary>
    public bool IsKnownNoise => !IsAttacker && Rules.Any(r => r is RuleIds.RootActivity or RuleIds.CredentialsForOthers);
}

/// <summary>One variant on one generated population.</summary>
internal sealed record RunOutcome(PopulationSpec Spec, int Seed, long Events, Variant Variant, MlSummary Ml, IReadOnlyList<PrincipalOutcome> Principals, IReadOnlyList<PrincipalOutcome> Attackers);
