namespace IamUeba.Core.CloudTrail;

/// <summary>
/// Takes a part's events as JSON in file order and works on them elsewhere (other threads), so the
/// reader only finds where each event ends. One batcher serves the parts of a session in turn, so
/// that its workers parse one part while the reader goes on to the next; events are applied in the
/// order they were added, part after part.
/// </summary>
public interface IEventBatcher
{
    /// <summary>An event whose syntax the reader has checked.</summary>
    void Add(PartReport report, ReadOnlySpan<byte> json, long index);

    /// <summary>
    /// An event the reader only found the end of: a worker checks its syntax and reports a fault, in
    /// file order, as the reader would (<paramref name="context"/>: the bytes after it, for the fault's excerpt).
    /// </summary>
    void AddUnchecked(PartReport report, ReadOnlySpan<byte> json, ReadOnlySpan<byte> context, long index, EventOrigin origin);

    void AddSkip(PartReport report, long index, SkipReason reason, string detail);

    /// <summary>Hands over the batches filled so far; waits while the workers are behind.</summary>
    ValueTask SubmitAsync(CancellationToken cancellationToken);

    /// <summary>The part ended: its last batch goes to the workers, who go on with it while the reader reads on.</summary>
    ValueTask EndPartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies everything added (the session is complete, or the reader found an error after these events);
    /// when <paramref name="abandon"/>, stops the workers instead (the request was cancelled).
    /// </summary>
    Task FinishAsync(bool abandon);
}
