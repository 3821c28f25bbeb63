using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Rules;

/// <summary>
/// Many secret values read by one person or long-term key within a short window: what a stolen
/// key is used for first (Stratus's secretsmanager-retrieve-secrets, secretsmanager-batch-retrieve-secrets,
/// ssm-retrieve-securestring-parameters).
/// </summary>
public sealed class R17SecretsHarvest : SignatureRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.SecretsHarvest,
        SettingsKey: "R17",
        Title: "Secrets harvested",
        Description: "Most successful secret reads (Secrets Manager GetSecretValue and BatchGetSecretValue, Systems Manager GetParameters) inside a sliding window (default 60 minutes), by an IAM user, root, or a person's Identity Center or federated session. Workload role sessions are left out: applications read their secrets on every start. GetParameter and GetParametersByPath are left out too: they are how tools load plain configuration, and whether a value was decrypted is not read.",
        Mitre: ["T1555.006", "T1552.001", "T1078.004"],
        FalsePositives: "A person copying several secrets while setting up or migrating a service; an application still running on an IAM user's access key instead of a role.",
        Recommendation: "Ask the key's owner whether they read these secrets; if not, rotate every secret read in the window, then the access key, and look for the addresses it was used from.",
        Comparison: ">=");

    private static readonly HashSet<string> SecretReads = new(StringComparer.Ordinal) { "GetSecretValue", "BatchGetSecretValue", "GetParameters" };

    public override RuleDescriptor Descriptor => Info;

    public override IReadOnlySet<string> EventNames => SecretReads;

    public override bool Matches(CloudTrailEvent e, PrincipalIdentity principal) =>
        SecretReads.Contains(e.EventName!) && Succeeded(e) && string.IsNullOrEmpty(e.Identity.InvokedBy) && IsPersonOrLongTermKey(principal);

    /// <summary>Every read is kept (up to a bound) so that the evidence can be the reads of the busiest window, not the first ones.</summary>
    public override int ExamplesKept => 1000;

    public override double Observe(PrincipalFeatures features, RuleSettings settings) => BusiestWindow(features, settings).Count;

    public override IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings)
    {
        var (start, count) = BusiestWindow(features, settings);
        var end = start + (Math.Max(1, settings.WindowMinutes) * 60L);
        return count == 0
            ? []
            : base.Evidence(features, settings).Where(e => e.Time >= start && e.Time < end);
    }

    /// <summary>The window (of the configured minutes) holding the most reads: where it starts and how many.</summary>
    private (long Start, int Count) BusiestWindow(PrincipalFeatures features, RuleSettings settings)
    {
        if (features.Aggregate.Signatures.GetValueOrDefault(Descriptor.Id) is not { } tally)
        {
            return (0, 0);
        }

        var times = tally.Times.Order().ToList();
        var window = Math.Max(1, settings.WindowMinutes) * 60L;
        (long Start, int Count) busiest = (0, 0);
        for (int first = 0, last = 0; last < times.Count; last++)
        {
            while (times[last] - times[first] >= window)
            {
                first++;
            }

            if (last - first + 1 > busiest.Count)
            {
                busiest = (times[first], last - first + 1);
            }
        }

        return busiest;
    }

    private static bool IsPersonOrLongTermKey(PrincipalIdentity principal) =>
        principal.Type is PrincipalTypes.IamUser or PrincipalTypes.Root or PrincipalTypes.IdentityCenterUser or PrincipalTypes.FederatedUser
        || (principal.Type == PrincipalTypes.AssumedRole && EventFacts.IsIdentityCenterRole(principal.RoleArn));
}
