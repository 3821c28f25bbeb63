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
        var threads = options.ReadThreads == 0 ? Environment.ProcessorCount : options.ReadThreads;
        _reader = new CloudTrailReader(
            _aggregator,
            _pool,
            _skips,
            options.Limits.ToReaderLimits(),
            threads > 1 ? () => new Ingest.ParallelDigest(_aggregator, _pool, _skips, _digestWorkers, threads, options.BatchTargetBytes) : null,
            options.BatchAfterBytes);
    }

    public IReadOnlyList<PartReport> Parts => _parts;

    internal FeatureAggregator Aggregator => _aggregator;

    public async Task<PartReport> ReadAsync(Stream content, string partName, CancellationToken cancellationToken)
    {
        var report = await _reader.ReadAsync(content, partName, cancellationToken).ConfigureAwait(false);
        _parts.Add(report);
        return report;
    }

    /// <summary>Runs rules, the ML layer and the merge; throws <see cref="CloudTrailFormatException"/> when there was nothing to analyse.</summary>
    public DetectionReport Complete()
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
