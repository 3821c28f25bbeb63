namespace IamUeba.Core.Features;

internal enum ObservationKind
{
    /// <summary>Activity of a principal we rank.</summary>
    Principal,

    /// <summary>A CloudTrail Insights record: counted, not activity.</summary>
    Insight,

    /// <summary>An AWS service acting for itself, excluded from ranking unless configured otherwise.</summary>
    AwsService,
}
