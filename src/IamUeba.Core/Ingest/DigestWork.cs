using System.Collections.Concurrent;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;

namespace IamUeba.Core.Ingest;

/// <summary>A batch of events on its way through a worker: the JSON in, one result per item out.</summary>
internal sealed class DigestWork
{
    // Its buffers are on the large-object heap: reusing them across uploads spares a full GC every
    // few megabytes. Enough for a few concurrent analyses; more are simply allocated.
    private const int Pooled = 32;
    private static readonly ConcurrentBag<DigestWork> Pool = [];

    public EventBatch Batch { get; } = new();

    public EventIdArena Ids { get; } = new();

    public DigestResult[] Results { get; private set; } = new DigestResult[1024];

    public static DigestWork Rent() => Pool.TryTake(out var work) ? work : new DigestWork();

    /// <summary>Back to the pool, holding on to no event's strings.</summary>
    public static void Return(DigestWork work)
    {
        Array.Clear(work.Results, 0, Math.Min(work.Results.Length, work.Batch.Items.Count));
        work.Batch.Start(null!, 0);
        // A batch that had to grow for one huge event is not kept: the pool holds a few MB, not more.
        if (Pool.Count < Pooled && work.Batch.Capacity <= EventBatch.DefaultTargetBytes * 2)
        {
            Pool.Add(work);
        }
    }

    public void EnsureResults(int count)
    {
        if (Results.Length < count)
        {
            Results = new DigestResult[Math.Max(count, Results.Length * 2)];
        }
    }
}
