namespace IamUeba.Core.Report;

/// <summary>Events read and counted but not ranked: AWS services acting for themselves, CloudTrail Insights records.</summary>
public sealed class ExcludedEventsView
{
    public long Count { get; init; }
    public Dictionary<string, long> ByReason { get; init; } = [];

    /// <summary>Event counts of the AWS services seen (invokedBy).</summary>
    public Dictionary<string, long> AwsServices { get; init; } = [];
}
