using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IamUeba.Core;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;

namespace IamUeba.Benchmarks;

/// <summary>
/// Where reader + aggregation spends its time, in memory on the generated data: finding each
/// event's end (the walker's TrySkip), one more tokenisation of every event, the reader itself,
/// and aggregation alone over events parsed beforehand.
/// </summary>
public class BreakdownBenchmarks
{
    private readonly DetectionOptions _options = new();
    private byte[] _json = [];
    private List<(int Start, int Length)> _events = [];
    private List<CloudTrailEvent> _parsed = [];

    public static IEnumerable<string> DataSets => BenchData.Sets.Keys.Where(k => k != BenchData.Corpus);

    [ParamsSource(nameof(DataSets))]
    public string Data { get; set; } = BenchData.GeneratedJsonl;

    [GlobalSetup]
    public void Setup()
    {
        _json = BenchData.Load(Data, gzip: false).Single().Bytes;
        _events = [];
        var reader = new Utf8JsonReader(_json, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 256 });
        var eventDepth = -1;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && (eventDepth < 0 || reader.CurrentDepth == eventDepth))
            {
                // JSON Lines: events are the root objects; {"Records":[...]}: the items of the array.
                var probe = reader;
                probe.Read();
                if (eventDepth < 0)
                {
                    eventDepth = probe.TokenType == JsonTokenType.PropertyName && probe.ValueTextEquals("Records"u8) ? 2 : 0;
                    if (eventDepth == 2)
                    {
                        continue;
                    }
                }

                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                _events.Add((start, (int)reader.BytesConsumed - start));
            }
        }

        var capture = new CapturingSink();
        var parser = new CloudTrailReader(capture, new StringPool(), new SkipLog(), new ReaderLimits());
        parser.ReadAsync(new MemoryStream(_json), Data, CancellationToken.None).GetAwaiter().GetResult();
        _parsed = capture.Events;
    }

    [Benchmark(Baseline = true, Description = "token pass (limit)")]
    public long TokenPassOnly() => TokenPass.Count(_json);

    [Benchmark(Description = "find event ends (TrySkip)")]
    public long EventBoundaries()
    {
        long found = 0;
        var json = _json.AsSpan();
        foreach (var (start, _) in _events)
        {
            // What the walker does per event: a copy of the reader skips the whole value.
            var reader = new Utf8JsonReader(json[start..], isFinalBlock: false, default);
            reader.Read();
            var whole = reader;
            found += whole.TrySkip() ? whole.BytesConsumed : 0;
        }

        return found;
    }

    [Benchmark(Description = "tokenise each event once more")]
    public long RetokeniseEvents()
    {
        long tokens = 0;
        var json = _json.AsSpan();
        foreach (var (start, length) in _events)
        {
            var reader = new Utf8JsonReader(json.Slice(start, length));
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    [Benchmark(Description = "reader, null sink")]
    public long Reader()
    {
        var reader = new CloudTrailReader(NullSink.Instance, new StringPool(_options.Limits.MaxStringLength), new SkipLog(), _options.Limits.ToReaderLimits());
        return reader.ReadAsync(new MemoryStream(_json), Data, CancellationToken.None).GetAwaiter().GetResult().Records;
    }

    [Benchmark(Description = "reader + aggregation")]
    public int ReaderAndAggregation()
    {
        var pool = new StringPool(_options.Limits.MaxStringLength);
        var aggregator = NewAggregator(pool);
        var reader = new CloudTrailReader(aggregator, pool, new SkipLog(), _options.Limits.ToReaderLimits());
        reader.ReadAsync(new MemoryStream(_json), Data, CancellationToken.None).GetAwaiter().GetResult();
        return aggregator.Principals.Count;
    }

    [Benchmark(Description = "aggregation alone (parsed events)")]
    public int AggregationOnly()
    {
        var aggregator = NewAggregator(new StringPool(_options.Limits.MaxStringLength));
        foreach (var e in _parsed)
        {
            aggregator.Add(e);
        }

        return aggregator.Principals.Count;
    }

    private FeatureAggregator NewAggregator(StringPool pool) =>
        new(pool, _options, new BusinessHours(TimeZoneInfo.Utc, _options.BusinessHoursStart, _options.BusinessHoursEnd));
}
