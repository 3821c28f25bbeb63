using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>Many source addresses</summary>
public sealed class R04MultiIp : IRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.MultiIp,
        SettingsKey: "R04",
        Title: "Many source addresses",
        Description: "Distinct source IP addresses (IPv4 or IPv6 literals only: AWS service names such as ec2.amazonaws.com are not addresses).",
        Mitre: ["T1078.004"],
        FalsePositives: "Users on mobile networks or VPNs that rotate addresses; CI runners in autoscaling pools.",
        Recommendation: "Check the addresses in the evidence against known office, VPN and CI ranges; a leaked key is used from new addresses.",
        Comparison: ">=");

    public RuleDescriptor Descriptor => Info;

    public double Observe(PrincipalFeatures features, RuleSettings settings) => features.UniqueIps;

    public IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings) => features.DetailsOf(DistinctIps(features));

    // The first kept event from each address, so the evidence shows the addresses, not one address five times.
    private static IEnumerable<long> DistinctIps(PrincipalFeatures features)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in features.Entries)
        {
            if (features.KeptSourceIp(entry) is { } ip && IpLiteralCheck(ip) && seen.Add(ip))
            {
                yield return entry;
            }
        }
    }

    private static bool IpLiteralCheck(string value) => CloudTrail.IpLiteral.Normalize(value) is not null;
}
