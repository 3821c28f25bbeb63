namespace IamUeba.Core.CloudTrail;

/// <summary>What <see cref="FastEventParser"/> made of an event.</summary>
internal enum FastParse
{
    /// <summary>Read whole, exactly as EventParser would have.</summary>
    Parsed,

    /// <summary>The bytes ended inside the event: it may be read once more are in.</summary>
    RanOut,

    /// <summary>Something the fast parser does not take: EventParser reads the event (or reports it).</summary>
    Declined,
}
