using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;

namespace IamUeba.Core.Ingest;

/// <summary>
/// One worker's private state: its own string pool, event and observer, so workers share nothing
/// while parsing. Used by one thread at a time; kept by the session from part to part.
/// </summary>
internal sealed class DigestWorker
{
    private readonly CloudTrailEvent _event = new();
    private readonly EventObserver _observer;
    private long _truncatedCounted;

    public DigestWorker(FeatureAggregator aggregator, int maxStringLength)
    {
        Pool = new StringPool(maxStringLength);
        _observer = aggregator.CreateObserver(Pool);
    }

    public StringPool Pool { get; }

    /// <summary>Values this worker's pool cut since the last call: the pool lives on from part to part.</summary>
    public long TakeTruncatedCount()
    {
        var added = Pool.TruncatedValues - _truncatedCounted;
        _truncatedCounted = Pool.TruncatedValues;
        return added;
    }

    public void Digest(DigestWork work)
    {
        var batch = work.Batch;
        var items = batch.Items;
        work.Ids.Clear();
        work.EnsureResults(items.Count);
        var results = work.Results;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            ref var result = ref results[i];
            result.Fault = null;
            if (item.IsSkip)
            {
                result.Skip = item.SkipReason;
                result.SkipDetail = item.SkipDetail;
                continue;
            }

            // The scanner takes only valid JSON, so an event it reads whole is checked; one it
            // declines is read again from the start (its cut values counted once) by the reader,
            // after a check of its syntax when the reader only found its end.
            var json = batch.Json(in item);
            if (!FastEventParser.TryParseWhole(json, _event, Pool))
            {
                if (item.Unchecked is { } origin && CloudTrailReader.SyntaxFault(json, batch.Context(in item), origin, batch.Report.Name) is { } fault)
                {
                    result.Fault = fault;
                    continue;
                }

                EventParser.Parse(json, _event, Pool);
            }
            if (CloudTrailReader.Unusable(_event, out var detail) is { } reason)
            {
                result.Skip = reason;
                result.SkipDetail = detail;
                continue;
            }

            result.Skip = null;
            result.SkipDetail = null;
            _observer.Observe(_event, work.Ids, out result.Observation);
        }
    }
}
