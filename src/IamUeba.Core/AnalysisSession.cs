using System.Diagnostics;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Report;

namespace IamUeba.Core;

/// <summary>One analysis: read any number of parts, then complete into an answer.</summary>
public sealed class AnalysisSession
{
    private readonly DetectionOptions _options;
    private readonly AnalysisRequest _request;
    private readonly string _timeZone;
    private readonly StringPool _pool;
    private readonly SkipLog _skips = new();
    private readonly FeatureAggregator _aggregator;
    private readonly CloudTrailReader _reader;
    private readonly List<PartReport> _parts = [];
    private readonly List<Ingest.DigestWorker> _digestWorkers = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    internal AnalysisSession(DetectionOptions options, AnalysisRequest request, string timeZone, BusinessHours hours)
    {
        _options = options;
        _request = request;
        _timeZone = timeZone;
        _pool = new StringPool(options.Limits.MaxStringLength);
        _aggregator = new FeatureAggregator(_pool, options, hours);
        _reader = new CloudTrailReader(_aggregator, _pool, _skips, options.Limits.ToReaderLimits(), Batching(options), options.BatchAfterBytes);
    }

    public IReadOnlyList<PartReport> Parts => _parts;

    /// <summary>
    /// How a large part gets worker threads: by default from the process's budget of one per
    /// processor (none free: this part is read on the request's thread until one is), or exactly
    /// <see cref="DetectionOptions.ReadThreads"/> when set; never with 1 or on a single processor.
    /// </summary>
    private Func<IEventBatcher?>? Batching(DetectionOptions options)
    {
        switch (options.ReadThreads)
        {
            case 1:
            case 0 when Environment.ProcessorCount == 1:
                return null;
            case 0:
                return () => Ingest.CoreBudget.Take(Environment.ProcessorCount) is var granted and > 0
                    ? Digest(options, granted, () => Ingest.CoreBudget.Give(granted))
                    : null;
            default:
                return () => Digest(options, options.ReadThreads, null);
        }
    }

    private Ingest.ParallelDigest Digest(DetectionOptions options, int threads, Action? finished) =>
        new(_aggregator, _pool, _skips, _digestWorkers, threads, options.BatchTargetBytes, finished);

    internal FeatureAggregator Aggregator => _aggregator;

    /// <summary>
    /// Reads one part; its counts are final after <see cref="FinishReadingAsync"/> or <see cref="CompleteAsync"/>.
    /// A part that fails with a format error stays in the analysis with the events read before the
    /// fault (an analysis that goes on past it, as the command line does, answers with them).
    /// </summary>
    public async Task<PartReport> ReadAsync(Stream content, string partName, CancellationToken cancellationToken)
    {
        var report = new PartReport(partName);
        try
        {
            await _reader.ReadAsync(content, report, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _parts.Add(report);
        }

        return report;
    }

    /// <summary>Applies what the workers still hold and gives their threads back; the parts' counts are final after it.</summary>
    public Task FinishReadingAsync() => _reader.FinishAsync();

    /// <summary>Gives the workers' threads back without applying what they hold: for an analysis given up between parts.</summary>
    public Task AbandonAsync() => _reader.AbandonAsync();

    /// <summary>Finishes reading, then runs rules, the ML layer and the merge; throws <see cref="CloudTrailFormatException"/> when there was nothing to analyse.</summary>
    public async Task<DetectionReport> CompleteAsync()
    {
        await FinishReadingAsync().ConfigureAwait(false);
        return Build();
    }

    /// <summary><see cref="CompleteAsync"/>, waited for: for callers without a request thread to spare.</summary>
    public DetectionReport Complete() => CompleteAsync().GetAwaiter().GetResult();

    private DetectionReport Build()
    {
        if (_parts.Count == 0 || _parts.All(p => p.Shape == InputShape.Empty))
        {
            throw new CloudTrailFormatException(FormatProblem.Empty, "the upload is empty: send CloudTrail JSON (or gzip) as a multipart 'file' part or as the request body.", _parts.Count == 1 ? _parts[0].Name : null);
        }

        if (_parts.All(p => p.Shape is InputShape.Digest or InputShape.Empty))
        {
            throw new CloudTrailFormatException(FormatProblem.UnknownShape, "only CloudTrail digest files were uploaded: they hold integrity hashes, no events. Upload the log files (…_CloudTrail_<region>_….json.gz) instead.", _parts[0].Name);
        }

        var report = new ReportBuilder(_options, _request, _timeZone).Build(_aggregator, _parts, _skips, _pool.TruncatedValues);
        report.DurationMs = _clock.ElapsedMilliseconds;
        return report;
    }
}
