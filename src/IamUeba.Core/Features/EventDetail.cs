namespace IamUeba.Core.Features;

/// <summary>An event kept in full enough to show an analyst as evidence.</summary>
public sealed record EventDetail(string? EventId, long Time, string EventName, string? SourceIp, string? Region, string? ErrorCode);
