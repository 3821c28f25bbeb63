namespace IamUeba.Cli.Generate.Population;

/// <summary>The account, its principals and their clocks: everything the hour loop reads.</summary>
internal sealed class PopulationModel
{
    public required GenerateSettings Settings { get; init; }
    public required string Account { get; init; }
    public required IReadOnlyList<Principal> Principals { get; init; }
    public required IReadOnlyDictionary<string, ZoneClock> Clocks { get; init; }
    public required AccountResources Resources { get; init; }

    /// <summary>Permission-set role names of Identity Center, by permission set.</summary>
    public required IReadOnlyDictionary<string, (string RoleName, string RoleId)> SsoRoles { get; init; }

    public required string SamlProviderArn { get; init; }

    public ZoneClock Clock(Principal p) => Clocks[p.ZoneId];

    public long HourStart(int hourIndex) => Settings.StartUnix + (hourIndex * 3600L);
}
