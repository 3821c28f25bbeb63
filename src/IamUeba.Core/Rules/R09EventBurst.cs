using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>Burst of events</summary>
public sealed class R09EventBurst : IRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.EventBurst,
        SettingsKey: "R09",
        Title: "Burst of events",
        Description: "Most events inside any sliding window (default 10 minutes).",
        Mitre: ["T1580", "T1530"],
        FalsePositives: "Bulk jobs, backups, and console pages that fan out into many describe calls.",
        Recommendation: "Look at what the burst did: mass enumeration or mass download right after a sign-in is typical of stolen credentials.",
        Comparison: ">");

    public RuleDescriptor Descriptor => Info;

    public double Observe(PrincipalFeatures features, RuleSettings settings) => features.BurstEvents;

    public IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings) => features.DetailsOf(features.Entries.Skip(features.BurstStart).Take(features.BurstEvents).Where(PrincipalFeatures.HasDetail));
}
