namespace IamUeba.Core.Report;

/// <summary>An event an analyst can look up in CloudTrail by its id.</summary>
public sealed class EvidenceView
{
    public string? EventId { get; init; }
    public required string EventTime { get; init; }
    public required string EventName { get; init; }
    public string? SourceIp { get; init; }
    public string? Region { get; init; }
    public string? ErrorCode { get; init; }
}
