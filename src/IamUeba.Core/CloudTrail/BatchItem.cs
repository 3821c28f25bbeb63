namespace IamUeba.Core.CloudTrail;

/// <summary>
/// One event of a batch (its bytes at Start, Length), or a record the reader already skipped
/// (SkipDetail set). An event with an <see cref="Unchecked"/> origin was only cut out by where its
/// brackets close: its syntax is for the worker to check, with ContextLength bytes that followed it.
/// </summary>
internal readonly record struct BatchItem(int Start, int Length, long Index, SkipReason SkipReason, string? SkipDetail, EventOrigin? Unchecked = null, int ContextLength = 0)
{
    public bool IsSkip => SkipDetail is not null;
}
