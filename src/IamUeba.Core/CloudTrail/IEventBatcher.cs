namespace IamUeba.Core.CloudTrail;

/// <summary>
/// Takes a part's events as JSON in file order and works on them elsewhere (other threads), so the
/// reader only finds where each event ends. One batcher serves one part.
/// </summary>
public interface IEventBatcher
{
    void Add(PartReport report, ReadOnlySpan<byte> json, long index);

    void AddSkip(PartReport report, long index, SkipReason reason, string detail);

    /// <summary>Hands over the batches filled so far; waits while the workers are behind.</summary>
    ValueTask SubmitAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies everything added (the part ended, or the reader found an error after these events);
    /// when <paramref name="abandon"/>, stops the workers instead (the request was cancelled).
    /// </summary>
    Task FinishAsync(bool abandon);
}
