namespace IamUeba.Core.CloudTrail;

/// <summary>One event of a batch (its bytes at Start, Length), or a record the reader already skipped (SkipDetail set).</summary>
internal readonly record struct BatchItem(int Start, int Length, long Index, SkipReason SkipReason, string? SkipDetail)
{
    public bool IsSkip => SkipDetail is not null;
}
