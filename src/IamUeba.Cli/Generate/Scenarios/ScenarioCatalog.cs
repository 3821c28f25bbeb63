namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>The scenarios in the order attackers cycle through them.</summary>
internal static class ScenarioCatalog
{
    public static readonly IReadOnlyList<Scenario> All =
    [
        new BruteForceConsole(),
        new PermissionEnumeration(),
        new PrivilegeEscalation(),
        new Persistence(),
        new DefenceEvasion(),
        new MultiRegionAbuse(),
        new DataExfiltration(),
        new StolenKeyNewAddresses(),
        new LowAndSlow(),
    ];
}
