using System.Collections;

namespace IamUeba.Cli.Generate.Population;

/// <summary>
/// One principal of the population: who it is, where it works from, and how many events it has in
/// each hour of the period. A few hundred bytes plus four bytes per hour: the population stays
/// small whatever the number of events.
/// </summary>
internal sealed class Principal
{
    public required int Index { get; init; }
    public required Persona Persona { get; init; }
    public required PrincipalKind Kind { get; init; }

    /// <summary>IAM user name, role name, or (Identity Center) the person's e-mail.</summary>
    public required string Name { get; init; }

    /// <summary>The key IamUeba reports as user_arn for this principal.</summary>
    public required string Key { get; init; }

    /// <summary>AIDA... for users, AROA... for roles.</summary>
    public required string UniqueId { get; init; }

    /// <summary>Long-term access key of an IAM user, null for others.</summary>
    public string? AccessKeyId { get; init; }

    public string? Email { get; init; }

    /// <summary>Role name (workloads, Identity Center permission-set role).</summary>
    public string? RoleName { get; init; }

    /// <summary>Session names of a workload: instance ids, task ids, a function name.</summary>
    public string[] SessionNames { get; init; } = [];

    public required string ZoneId { get; init; }
    public required string HomeRegion { get; init; }

    /// <summary>A second region some ops people and workloads also use (null for most).</summary>
    public string? SecondRegion { get; init; }

    public required string[] Ips { get; init; }

    /// <summary>CLI or SDK user agent of this principal (its installed version).</summary>
    public required string Agent { get; init; }

    /// <summary>Browser user agent for console sign-ins.</summary>
    public required string Browser { get; init; }

    /// <summary>Share of working sessions that start with a console sign-in.</summary>
    public double ConsoleShare { get; init; }

    /// <summary>Has an MFA device: signs in to the console with MFA and can get MFA sessions for the CLI.</summary>
    public bool HasMfa { get; init; }

    /// <summary>Uses the CLI through GetSessionToken with MFA rather than the bare long-term key.</summary>
    public bool CliWithMfaSession { get; init; }

    /// <summary>Local start of the working day relative to 09:00 (early birds negative).</summary>
    public int ShiftHours { get; init; }

    /// <summary>Relative activity; heavy-tailed across the population.</summary>
    public double Weight { get; set; }

    /// <summary>Events in each hour of the period (normal behaviour only; attacks are added on top).</summary>
    public int[] HourCounts { get; set; } = [];

    /// <summary>Hours in which a working session (and its credentials) starts.</summary>
    public BitArray SessionStarts { get; set; } = new(0);

    /// <summary>Total normal events.</summary>
    public int NormalEvents { get; set; }

    public bool IsAttacker { get; set; }

    public override string ToString() => $"{Persona} {Key}";
}
