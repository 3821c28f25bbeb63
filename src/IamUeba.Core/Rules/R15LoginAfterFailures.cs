using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>A console sign-in that succeeds right after a run of failed ones: a guessed password.</summary>
public sealed class R15LoginAfterFailures : IRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.LoginAfterFailures,
        SettingsKey: "R15",
        Title: "Console sign-in after repeated failures",
        Description: "A successful ConsoleLogin preceded, within the window (default 60 minutes), by at least Threshold failed ConsoleLogins of the same principal, in time order. The observed value is the most failures before one success.",
        Mitre: ["T1110.001", "T1078"],
        FalsePositives: "A person who forgot a recently changed password and then remembered it.",
        Recommendation: "Ask the user whether they signed in; if not, reset the password, enforce MFA and review the session's activity.",
        Comparison: ">=");

    public RuleDescriptor Descriptor => Info;

    public double Observe(PrincipalFeatures features, RuleSettings settings) => BestSuccess(features, settings).Failures.Count;

    public IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings)
    {
        var (failures, success) = BestSuccess(features, settings);
        return success is null ? [] : [.. failures.TakeLast(RuleEngine.MaxEvidence - 1), success];
    }

    private static (List<EventDetail> Failures, EventDetail? Success) BestSuccess(PrincipalFeatures features, RuleSettings settings)
    {
        var window = settings.WindowMinutes * 60L;
        var failures = new Queue<EventDetail>();
        (List<EventDetail> Failures, EventDetail? Success) best = ([], null);
        foreach (var entry in features.Entries)
        {
            if (features.KeptEventName(entry) != EventFacts.ConsoleLogin)
            {
                continue;
            }

            var login = features.DetailOf(entry)!;
            while (failures.Count > 0 && login.Time - failures.Peek().Time >= window)
            {
                failures.Dequeue();
            }

            if (Timeline.Has(entry, EventFlags.Failed))
            {
                failures.Enqueue(login);
            }
            else
            {
                if (failures.Count > best.Failures.Count)
                {
                    best = ([.. failures], login);
                }

                failures.Clear();
            }
        }

        return best;
    }
}
