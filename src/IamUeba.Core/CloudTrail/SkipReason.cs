namespace IamUeba.Core.CloudTrail;

/// <summary>Why an event that parsed was not used. Counted and reported, never guessed around.</summary>
public enum SkipReason
{
    MissingEventTime,
    UnreadableEventTime,
    MissingEventName,
    NotAnObject,
    EmbeddedEventNotJson,
    EventTooLarge,
}
