using System.Globalization;
using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>Evaluates every enabled rule on a principal and gathers the hits with their evidence.</summary>
public sealed class RuleEngine(RuleOptions options)
{
    public const int MaxEvidence = 5;

    /// <summary>Every rule, in id order.</summary>
    public static readonly IReadOnlyList<IRule> All =
    [
        new R01OffHours(),
        new R02HighRiskRatio(),
        new R03NoMfa(),
        new R04MultiIp(),
        new R05HighFailRate(),
        new R06ConsecutiveFailures(),
        new R07AdminAbuse(),
        new R08MultiRegion(),
        new R09EventBurst(),
        new R10LoggingTampering(),
        new R11RootActivity(),
        new R12CredentialsForOthers(),
        new R13AdminPolicyAttached(),
        new R14SnapshotShared(),
        new R15LoginAfterFailures(),
        new R16RootHighRisk(),
        new R17SecretsHarvest(),
        new R18AccessOpenedOutside(),
        new R19AdminPortOpenToInternet(),
    ];

    /// <summary>The rules decided by single events, checked while events stream by.</summary>
    public static readonly IReadOnlyList<IEventSignature> Signatures = [.. All.OfType<IEventSignature>()];

    public RuleSettings SettingsOf(IRule rule) => options.For(rule.Descriptor.SettingsKey);

    public List<RuleHit> Evaluate(PrincipalFeatures features)
    {
        var hits = new List<RuleHit>();
        if (features.TotalEvents == 0)
        {
            return hits;
        }

        foreach (var rule in All)
        {
            var settings = SettingsOf(rule);
            if (!settings.Enabled)
            {
                continue;
            }

            var observed = rule.Observe(features, settings);
            var fires = rule.Descriptor.Comparison == ">" ? observed > settings.Threshold : observed >= settings.Threshold;
            if (!fires)
            {
                continue;
            }

            var evidence = rule.Evidence(features, settings).Take(MaxEvidence).ToList();
            hits.Add(new RuleHit(rule.Descriptor, settings.Points, observed, settings.Threshold, settings.WindowMinutes, Summarize(rule.Descriptor, observed, settings), evidence));
        }

        return hits;
    }

    private static string Summarize(RuleDescriptor rule, double observed, RuleSettings settings)
    {
        var isRatio = settings.Threshold < 1 && rule.Comparison == ">";
        var seen = isRatio ? Percent(observed) : observed.ToString("0.##", CultureInfo.InvariantCulture);
        var limit = isRatio ? Percent(settings.Threshold) : settings.Threshold.ToString("0.##", CultureInfo.InvariantCulture);
        var window = settings.WindowMinutes > 0 ? $" within {settings.WindowMinutes} minutes" : string.Empty;
        return $"{rule.Title}: {seen}{window} (fires at {rule.Comparison} {limit})";
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>Timeline entries matching a flag, in time order.</summary>
    internal static IEnumerable<long> Where(PrincipalFeatures features, EventFlags flags)
    {
        return features.Entries.Where(entry => (Timeline.Flags(entry) & flags) == flags);
    }
}
