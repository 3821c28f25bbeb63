using System.Text;
using IamUeba.Core.Features;
using IamUeba.Core.Report;

namespace IamUeba.Core.Tests.Support;

/// <summary>Runs the whole pipeline on in-memory files, as the service does on an upload.</summary>
public static class Analysis
{
    public static DetectionReport Run(string json, DetectionOptions? options = null, AnalysisRequest? request = null) =>
        Run([("test.json", Encoding.UTF8.GetBytes(json))], options, request);

    public static DetectionReport Run(IEnumerable<(string Name, byte[] Bytes)> parts, DetectionOptions? options = null, AnalysisRequest? request = null)
    {
        var pipeline = new DetectionPipeline(options ?? new DetectionOptions());
        return pipeline.AnalyzeAsync(parts.Select(p => (p.Name, (Stream)new MemoryStream(p.Bytes))), request, CancellationToken.None).GetAwaiter().GetResult();
    }

    public static DetectionReport Run(params Record[] records) => Run(Record.File(records));

    /// <summary>The whole pipeline, awaited: for tests, which should not block on tasks.</summary>
    public static async Task<DetectionReport> RunAsync(string json, DetectionOptions? options = null, AnalysisRequest? request = null)
    {
        var pipeline = new DetectionPipeline(options ?? new DetectionOptions());
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return await pipeline.AnalyzeAsync([("test.json", (Stream)content)], request, CancellationToken.None);
    }

    public static Task<DetectionReport> RunAsync(IEnumerable<Record> records, DetectionOptions? options = null, AnalysisRequest? request = null) =>
        RunAsync(Record.File(records), options, request);

    public static Task<DetectionReport> RunAsync(params Record[] records) => RunAsync(Record.File(records));

    public static PrincipalResult Principal(this DetectionReport report, string keySuffix) =>
        report.Results.Single(r => r.UserArn.EndsWith(keySuffix, StringComparison.Ordinal));

    /// <summary>The features of each principal of a file, through the real reader and aggregator.</summary>
    public static IReadOnlyDictionary<string, PrincipalFeatures> Features(string json, DetectionOptions? options = null)
    {
        options ??= new DetectionOptions();
        var pool = new IamUeba.Core.CloudTrail.StringPool();
        var aggregator = new FeatureAggregator(pool, options, new BusinessHours(TimeZoneResolver.Find(options.TimeZone)!, options.BusinessHoursStart, options.BusinessHoursEnd));
        var reader = new IamUeba.Core.CloudTrail.CloudTrailReader(aggregator, pool, new IamUeba.Core.CloudTrail.SkipLog(), options.Limits.ToReaderLimits());
        reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json", CancellationToken.None).GetAwaiter().GetResult();
        return aggregator.Principals.Values.ToDictionary(
            p => p.Key,
            p => PrincipalFeatures.Compute(p, aggregator.Regions, TimeSpan.FromMinutes(options.Rules.R09.WindowMinutes), TimeSpan.FromMinutes(options.Rules.R08.WindowMinutes)));
    }

    public static PrincipalFeatures FeaturesOf(params Record[] records) => Features(Record.File(records)).Values.Single();

    /// <summary>The features of each principal of a file, awaited.</summary>
    public static async Task<IReadOnlyDictionary<string, PrincipalFeatures>> FeaturesAsync(IEnumerable<Record> records, DetectionOptions? options = null)
    {
        options ??= new DetectionOptions();
        var pool = new IamUeba.Core.CloudTrail.StringPool();
        var aggregator = new FeatureAggregator(pool, options, new BusinessHours(TimeZoneResolver.Find(options.TimeZone)!, options.BusinessHoursStart, options.BusinessHoursEnd));
        var reader = new IamUeba.Core.CloudTrail.CloudTrailReader(aggregator, pool, new IamUeba.Core.CloudTrail.SkipLog(), options.Limits.ToReaderLimits());
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(Record.File(records)));
        await reader.ReadAsync(content, "test.json", CancellationToken.None);
        return aggregator.Principals.Values.ToDictionary(
            p => p.Key,
            p => PrincipalFeatures.Compute(p, aggregator.Regions, TimeSpan.FromMinutes(options.Rules.R09.WindowMinutes), TimeSpan.FromMinutes(options.Rules.R08.WindowMinutes)));
    }

    public static async Task<PrincipalFeatures> FeaturesOfAsync(params Record[] records) => (await FeaturesAsync(records)).Values.Single();
}
