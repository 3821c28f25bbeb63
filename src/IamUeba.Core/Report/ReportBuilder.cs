using System.Globalization;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Risk;
using IamUeba.Core.Rules;
using IamUeba.Core.Scoring;

namespace IamUeba.Core.Report;

/// <summary>Runs the stages after aggregation (rules, ML, merge) and writes the answer.</summary>
internal sealed class ReportBuilder(DetectionOptions options, AnalysisRequest request, string timeZone)
{
    public DetectionReport Build(FeatureAggregator aggregator, IReadOnlyList<PartReport> parts, SkipLog skips, long truncatedValues)
    {
        // Rules read a principal's unpacked timeline and take their evidence from it while it is
        // there: a 10 GB upload never holds every timeline unpacked (8 bytes an event) at once.
        var engine = new RuleEngine(options.Rules);
        var principals = new List<PrincipalFeatures>();
        var hits = new List<List<RuleHit>>();
        foreach (var features in aggregator.EachFeatures(options.Rules))
        {
            principals.Add(features);
            hits.Add(engine.Evaluate(features));
        }

        var (mlSummary, mlResults) = new PcaAnomalyScorer(options.Ml).Score(principals);
        var merger = new RiskMerger(options.Levels, options.Ml);
        var assessed = principals
            .Select((p, i) => (Features: p, Risk: merger.Merge(p, hits[i], mlResults.GetValueOrDefault(p.Key))))
            .OrderByDescending(x => x.Risk.Score)
            .ThenBy(x => x.Features.Key, StringComparer.Ordinal)
            .ToList();

        var returned = assessed
            .Where(x => request.MinLevel is not { } min || x.Risk.Level >= min)
            .Take(request.Top ?? int.MaxValue)
            .Select(x => Result(x.Features, x.Risk))
            .ToList();

        var levelCounts = Enum.GetValues<RiskLevel>().Reverse().ToDictionary(level => level.ToString(), level => assessed.Count(x => x.Risk.Level == level));
        return new DetectionReport
        {
            TotalEvents = parts.Sum(p => p.Events + p.Excluded),
            TotalUsers = assessed.Count,
            AnomalyCount = assessed.Count(x => x.Risk.IsAnomaly),
            Results = returned,
            MaxRiskLevel = (assessed.Count == 0 ? RiskLevel.LOW : assessed.Max(x => x.Risk.Level)).ToString(),
            LevelCounts = levelCounts,
            ResultsOmitted = assessed.Count - returned.Count,
            SkippedEvents = new SkippedEventsView
            {
                Count = skips.Total,
                ByReason = skips.Counts.OrderBy(c => c.Key).ToDictionary(c => Snake(c.Key.ToString()), c => c.Value),
                Examples = skips.Examples.Select(e => new SkippedExampleView { File = e.Part, Index = e.Index, Reason = Snake(e.Reason.ToString()), Detail = e.Detail }).ToList(),
            },
            ExcludedEvents = new ExcludedEventsView
            {
                Count = parts.Sum(p => p.Excluded),
                ByReason = aggregator.ExcludedByReason.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value),
                AwsServices = aggregator.AwsServices.ToDictionary(s => s.Key, s => s.Value),
            },
            DuplicateEvents = parts.Sum(p => p.Duplicates),
            TruncatedValues = truncatedValues,
            Files = parts.Select(p => new FileView
            {
                Name = p.Name,
                Shape = Snake(p.Shape.ToString()),
                Gzip = p.Gzip,
                Bytes = p.Bytes,
                Events = p.Events,
                Skipped = p.Skipped,
                Duplicates = p.Duplicates,
                Excluded = p.Excluded,
            }).ToList(),
            Ml = new MlView
            {
                Ran = mlSummary.Ran,
                Status = mlSummary.Status,
                Principals = mlSummary.Principals,
                MinPopulation = options.Ml.MinPopulation,
                Rank = mlSummary.Rank,
                Threshold = mlSummary.Threshold,
                Flagged = mlSummary.Flagged,
                Features = [.. FeatureVector.Names],
            },
            Settings = new AnalysisSettingsView
            {
                TimeZone = timeZone,
                BusinessHours = string.Create(CultureInfo.InvariantCulture, $"{options.BusinessHoursStart:00}:00-{options.BusinessHoursEnd:00}:00"),
                KeyRolesBySession = options.KeyRolesBySession,
                MinLevel = request.MinLevel?.ToString(),
                Top = request.Top,
            },
        };
    }

    private static PrincipalResult Result(PrincipalFeatures f, RiskAssessment risk)
    {
        var vector = FeatureVector.Of(f);
        return new PrincipalResult
        {
            UserArn = f.Key,
            IsAnomaly = risk.IsAnomaly,
            RiskScore = risk.Score,
            RiskLevel = risk.Level.ToString(),
            DetectionMethod = risk.DetectionMethod,
            TriggeredRules = risk.Hits.Select(h => h.Rule.Id).ToList(),
            ScoreBreakdown = risk.Breakdown.ToDictionary(),
            Stats = new PrincipalStats
            {
                TotalEvents = f.TotalEvents,
                HighRisk = f.HighRiskEvents,
                Failed = f.FailedEvents,
                UniqueIps = f.UniqueIps,
                OffHours = f.OffHoursEvents,
                AdminActions = f.AdminEvents,
                HighRiskWithoutMfa = f.HighRiskWithoutMfa,
                HighRiskMfaNotObservable = f.HighRiskMfaNotObservable,
                ConsecutiveFailures = f.ConsecutiveFailures,
                UniqueRegions = f.UniqueRegions,
                SimultaneousRegions = f.SimultaneousRegions,
                BurstEvents = f.BurstEvents,
                UniqueEventNames = f.UniqueEventNames,
                UniqueUserAgents = f.UniqueUserAgents,
                UniqueIpsApproximate = f.Aggregate.Ips.IsApproximate,
            },
            PrincipalType = f.Type,
            AccountId = f.AccountId,
            RoleArn = f.RoleArn,
            SessionNames = [.. f.Aggregate.SessionNames],
            FirstSeen = Iso(f.FirstSeen),
            LastSeen = Iso(f.LastSeen),
            RuleHits = risk.Hits.Select(HitView).ToList(),
            Ml = risk.Ml is { } ml
                ? new PrincipalMlView { Score = ml.Score, Percentile = ml.Percentile, RatioToThreshold = ml.RatioToThreshold, Flagged = ml.Flagged, TopFeatures = [.. ml.TopFeatures] }
                : null,
            Features = FeatureVector.Names.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => Math.Round(vector[x.i], 4)),
            Recommendations = [.. risk.Recommendations],
        };
    }

    private static RuleHitView HitView(RuleHit hit) => new()
    {
        RuleId = hit.Rule.Id,
        Title = hit.Rule.Title,
        Points = hit.Points,
        Observed = Math.Round(hit.Observed, 4),
        Threshold = hit.Threshold,
        Comparison = hit.Rule.Comparison,
        WindowMinutes = hit.WindowMinutes > 0 ? hit.WindowMinutes : null,
        Summary = hit.Summary,
        Mitre = [.. hit.Rule.Mitre],
        Evidence = hit.Evidence.Select(e => new EvidenceView
        {
            EventId = e.EventId,
            EventTime = Iso(e.Time),
            EventName = e.EventName,
            SourceIp = e.SourceIp,
            Region = e.Region,
            ErrorCode = e.ErrorCode,
        }).ToList(),
    };

    private static string Iso(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>PascalCase enum names as the answer's snake_case words.</summary>
    private static string Snake(string pascal) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}
