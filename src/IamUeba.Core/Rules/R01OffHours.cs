using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>Activity off business hours</summary>
public sealed class R01OffHours : IRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.OffHours,
        SettingsKey: "R01",
        Title: "Activity off business hours",
        Description: "Share of the principal's events outside business hours in the configured IANA time zone (default UTC, 06:00-22:00).",
        Mitre: ["T1078"],
        FalsePositives: "On-call staff, batch jobs and people in other time zones than the configured one.",
        Recommendation: "Confirm the off-hours activity with the principal's owner; if it is automation, key it to a role and set the time zone for human users.",
        Comparison: ">");

    public RuleDescriptor Descriptor => Info;

    public double Observe(PrincipalFeatures features, RuleSettings settings) => features.OffHoursRatio;

    public IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings) => features.DetailsOf(RuleEngine.Where(features, EventFlags.OffHours));
}
