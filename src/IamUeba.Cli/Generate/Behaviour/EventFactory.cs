using IamUeba.Cli.Generate.Catalog;

namespace IamUeba.Cli.Generate.Behaviour;

/// <summary>Makes a record for a call: ids from the seeded generator, then the call's own parameters.</summary>
internal static class EventFactory
{
    public static TrailEvent Create(ApiCall call, CallContext c, CallerIdentity identity, string sourceIp, string userAgent, long time, long sequence)
    {
        c.Time = time;
        var e = new TrailEvent
        {
            Identity = identity,
            EventSource = call.Source,
            EventName = call.Name,
            Region = c.Region,
            SourceIp = sourceIp,
            UserAgent = userAgent,
            EventId = RandomText.Uuid(c.Rng),
            RequestId = RandomText.Uuid(c.Rng),
            ReadOnly = call.ReadOnly,
            RecipientAccountId = c.Account,
            Time = time,
            Sequence = sequence,
        };
        call.Fill?.Invoke(c, e);
        if (call.Source == "s3.amazonaws.com")
        {
            // S3 writes its own request ids: 16 upper-case hex characters.
            e.RequestId = RandomText.HexString(c.Rng, 16).ToUpperInvariant();
        }

        return e;
    }

    /// <summary>Turns a prepared event into the failed call AWS records: error code and message, no response.</summary>
    public static void Fail(TrailEvent e, string code, string? message)
    {
        e.ErrorCode = code;
        e.ErrorMessage = message;
        e.ResponseElements = null;
        if (e.EventCategory == "Data")
        {
            e.AdditionalEventData = null;
        }
    }
}
