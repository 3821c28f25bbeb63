using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;

namespace IamUeba.Core.Ingest;

/// <summary>A batch of events on its way through a worker: the JSON in, one result per item out.</summary>
internal sealed class DigestWork
{
    public EventBatch Batch { get; } = new();

    public EventIdArena Ids { get; } = new();

    public DigestResult[] Results { get; private set; } = new DigestResult[1024];

    public void EnsureResults(int count)
    {
        if (Results.Length < count)
        {
            Results = new DigestResult[Math.Max(count, Results.Length * 2)];
        }
    }
}
