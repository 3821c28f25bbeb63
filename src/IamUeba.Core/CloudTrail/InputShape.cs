namespace IamUeba.Core.CloudTrail;

/// <summary>The container a part's events came in, detected from its bytes.</summary>
public enum InputShape
{
    /// <summary>No bytes, or only white space.</summary>
    Empty,

    /// <summary><c>{"Records":[...]}</c>, as CloudTrail delivers to S3.</summary>
    Records,

    /// <summary>A top-level array of events.</summary>
    Array,

    /// <summary>One event per line (CloudWatch Logs, CloudTrail Lake and SIEM exports).</summary>
    JsonLines,

    /// <summary><c>aws cloudtrail lookup-events</c> output: events as strings under <c>Events[].CloudTrailEvent</c>.</summary>
    LookupEvents,

    /// <summary>A CloudWatch Logs subscription envelope: events as strings under <c>logEvents[].message</c>.</summary>
    CloudWatchLogs,

    /// <summary>EventBridge "AWS API Call via CloudTrail" envelopes: the event under <c>detail</c>.</summary>
    EventBridge,

    /// <summary>A single event object.</summary>
    SingleEvent,

    /// <summary>A CloudTrail digest file: integrity data, no events.</summary>
    Digest,

    /// <summary>Several of the above, one after another in one part.</summary>
    Mixed,
}
