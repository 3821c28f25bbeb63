using IamUeba.Core.CloudTrail;

namespace IamUeba.Benchmarks;

/// <summary>Takes every event and does nothing: the reader's own cost.</summary>
public sealed class NullSink : IEventSink
{
    public static readonly NullSink Instance = new();

    public EventOutcome Add(CloudTrailEvent e) => EventOutcome.Accepted;
}

/// <summary>Keeps a copy of every event, so aggregation can be measured without the reader.</summary>
public sealed class CapturingSink : IEventSink
{
    public List<CloudTrailEvent> Events { get; } = [];

    public EventOutcome Add(CloudTrailEvent e)
    {
        var copy = new CloudTrailEvent
        {
            EventName = e.EventName,
            EventSource = e.EventSource,
            AwsRegion = e.AwsRegion,
            SourceIpAddress = e.SourceIpAddress,
            UserAgent = e.UserAgent,
            ErrorCode = e.ErrorCode,
            IsInsight = e.IsInsight,
            RecipientAccountId = e.RecipientAccountId,
            EventTimeSeconds = e.EventTimeSeconds,
            HasEventTime = e.HasEventTime,
            EventTimeUnreadable = e.EventTimeUnreadable,
            HasUserIdentity = e.HasUserIdentity,
            MfaUsed = e.MfaUsed,
            HasSamlProviderArn = e.HasSamlProviderArn,
            ConsoleLoginResult = e.ConsoleLoginResult,
            TargetUserName = e.TargetUserName,
            PolicyArn = e.PolicyArn,
            RequestHash = e.RequestHash,
            ResponseHash = e.ResponseHash,
        };
        copy.SetEventId(e.EventIdUtf8);
        var from = e.Identity;
        var to = copy.Identity;
        to.Type = from.Type;
        to.Arn = from.Arn;
        to.PrincipalId = from.PrincipalId;
        to.AccountId = from.AccountId;
        to.UserName = from.UserName;
        to.LongTermAccessKey = from.LongTermAccessKey;
        to.InvokedBy = from.InvokedBy;
        to.IdentityProvider = from.IdentityProvider;
        to.UserId = from.UserId;
        to.IdentityStoreArn = from.IdentityStoreArn;
        to.OnBehalfOfUserId = from.OnBehalfOfUserId;
        to.OnBehalfOfIdentityStoreArn = from.OnBehalfOfIdentityStoreArn;
        to.HasSessionContext = from.HasSessionContext;
        to.SessionIssuerArn = from.SessionIssuerArn;
        to.MfaAuthenticated = from.MfaAuthenticated;
        to.HasWebIdFederation = from.HasWebIdFederation;
        Events.Add(copy);
        return EventOutcome.Accepted;
    }
}
