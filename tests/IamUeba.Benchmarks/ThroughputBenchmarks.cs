using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using IamUeba.Core;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Report;

namespace IamUeba.Benchmarks;

/// <summary>
/// Issue 7's ladder, on the same bytes: the token pass (the limit; through GZipStream when gzip),
/// our reader with a sink that does nothing, reader plus aggregation (one thread, then all cores),
/// and the whole pipeline (one thread, then all cores: the service's default).
/// </summary>
public class ThroughputBenchmarks
{
    private readonly DetectionOptions _options = new();
    private List<(string Name, byte[] Bytes)> _parts = [];
    private DetectionPipeline _pipeline = null!;
    private DetectionPipeline _oneThread = null!;

    public static IEnumerable<string> DataSets => BenchData.Sets.Keys;

    [ParamsSource(nameof(DataSets))]
    public string Data { get; set; } = BenchData.GeneratedJsonl;

    [Params(false, true)]
    public bool Gzip { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _parts = BenchData.Load(Data, Gzip);
        _pipeline = new DetectionPipeline(_options);
        _oneThread = new DetectionPipeline(new DetectionOptions { ReadThreads = 1 });
    }

    [Benchmark(Baseline = true, Description = "token pass (limit)")]
    public async Task<long> TokenPassOnly()
    {
        long tokens = 0;
        foreach (var (_, bytes) in _parts)
        {
            if (!Gzip)
            {
                tokens += TokenPass.Count(bytes);
                continue;
            }

            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            tokens += (await TokenPass.CountAsync(gzip, 64 * 1024, CancellationToken.None).ConfigureAwait(false)).Tokens;
        }

        return tokens;
    }

    [Benchmark(Description = "reader, null sink")]
    public async Task<long> Reader()
    {
        var reader = new CloudTrailReader(NullSink.Instance, new StringPool(_options.Limits.MaxStringLength), new SkipLog(), _options.Limits.ToReaderLimits());
        long records = 0;
        foreach (var (name, bytes) in _parts)
        {
            records += (await reader.ReadAsync(new MemoryStream(bytes), name, CancellationToken.None).ConfigureAwait(false)).Records;
        }

        return records;
    }

    [Benchmark(Description = "reader + aggregation")]
    public async Task<int> ReaderAndAggregation()
    {
        var pool = new StringPool(_options.Limits.MaxStringLength);
        var aggregator = new FeatureAggregator(pool, _options, new BusinessHours(TimeZoneInfo.Utc, _options.BusinessHoursStart, _options.BusinessHoursEnd));
        var reader = new CloudTrailReader(aggregator, pool, new SkipLog(), _options.Limits.ToReaderLimits());
        foreach (var (name, bytes) in _parts)
        {
            await reader.ReadAsync(new MemoryStream(bytes), name, CancellationToken.None).ConfigureAwait(false);
        }

        return aggregator.Principals.Count;
    }

    [Benchmark(Description = "reader + aggregation, all cores")]
    public async Task<long> ReaderAndAggregationAllCores()
    {
        var session = _pipeline.Begin();
        foreach (var (name, bytes) in _parts)
        {
            await session.ReadAsync(new MemoryStream(bytes), name, CancellationToken.None).ConfigureAwait(false);
        }

        // The parts' counts are final once the workers have applied everything.
        await session.FinishReadingAsync().ConfigureAwait(false);
        return session.Parts.Sum(r => r.Events);
    }

    [Benchmark(Description = "whole pipeline, one thread")]
    public Task<DetectionReport> PipelineOneThread() =>
        _oneThread.AnalyzeAsync(_parts.Select(p => (p.Name, (Stream)new MemoryStream(p.Bytes))), null, CancellationToken.None);

    [Benchmark(Description = "whole pipeline, all cores")]
    public Task<DetectionReport> Pipeline() =>
        _pipeline.AnalyzeAsync(_parts.Select(p => (p.Name, (Stream)new MemoryStream(p.Bytes))), null, CancellationToken.None);
}
