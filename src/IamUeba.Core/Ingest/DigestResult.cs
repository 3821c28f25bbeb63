using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;

namespace IamUeba.Core.Ingest;

/// <summary>One item's result: an observation to apply, why it was skipped, or where its syntax is wrong.</summary>
internal struct DigestResult
{
    public CloudTrailFormatException? Fault;
    public EventObservation Observation;
    public SkipReason? Skip;
    public string? SkipDetail;
}
