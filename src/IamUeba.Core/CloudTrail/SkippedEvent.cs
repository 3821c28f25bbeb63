namespace IamUeba.Core.CloudTrail;

/// <summary>One skipped event: the part it was in, its 0-based position among the part's records, and why.</summary>
public sealed record SkippedEvent(string Part, long Index, SkipReason Reason, string Detail);
