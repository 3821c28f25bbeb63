using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>Several regions at the same time</summary>
public sealed class R08MultiRegion : IRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.MultiRegion,
        SettingsKey: "R08",
        Title: "Several regions at the same time",
        Description: "Most distinct regions the principal was active in within a sliding window (default 60 minutes). Global services recorded in us-east-1 (IAM, STS global endpoint, CloudFront, Route 53, Organizations ...) do not count as presence.",
        Mitre: ["T1535"],
        FalsePositives: "Multi-region deployments and global dashboards; global services are already excluded.",
        Recommendation: "Check that the principal is expected to work in these regions; attackers spin up resources in unused regions.",
        Comparison: ">=");

    public RuleDescriptor Descriptor => Info;

    public double Observe(PrincipalFeatures features, RuleSettings settings) => features.SimultaneousRegions;

    public IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings) => features.DetailsOf(FirstPerRegion(features));

    // The first event in each region of the busiest window.
    private static IEnumerable<long> FirstPerRegion(PrincipalFeatures features)
    {
        var seen = new HashSet<int>();
        var window = features.Entries.Skip(features.RegionWindowStart).Take(features.RegionWindowEnd - features.RegionWindowStart + 1);
        foreach (var entry in window)
        {
            var region = Timeline.Region(entry);
            if (region != 0 && !Timeline.Has(entry, EventFlags.GlobalRegion) && PrincipalFeatures.HasDetail(entry) && seen.Add(region))
            {
                yield return entry;
            }
        }
    }
}
