namespace IamUeba.Core.CloudTrail;

/// <summary>What became of an event handed to a sink.</summary>
public enum EventOutcome
{
    Accepted,
    Duplicate,

    /// <summary>Read and counted, but not activity of a principal we rank (an AWS service, a CloudTrail Insights record).</summary>
    Excluded,
}

/// <summary>Receives every readable event of an upload, in file order.</summary>
public interface IEventSink
{
    EventOutcome Add(CloudTrailEvent e);
}
