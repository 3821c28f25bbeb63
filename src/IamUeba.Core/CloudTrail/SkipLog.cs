namespace IamUeba.Core.CloudTrail;

/// <summary>Counts skipped events by reason and keeps the first few, with where they were.</summary>
public sealed class SkipLog
{
    public const int MaxExamples = 10;

    private readonly Dictionary<SkipReason, long> _counts = [];
    private readonly List<SkippedEvent> _examples = [];

    public long Total { get; private set; }

    public IReadOnlyDictionary<SkipReason, long> Counts => _counts;

    public IReadOnlyList<SkippedEvent> Examples => _examples;

    public void Add(SkipReason reason, string part, long index, string detail)
    {
        Total++;
        _counts[reason] = _counts.GetValueOrDefault(reason) + 1;
        if (_examples.Count < MaxExamples)
        {
            _examples.Add(new SkippedEvent(part, index, reason, detail));
        }
    }
}
