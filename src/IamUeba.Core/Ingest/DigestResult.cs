using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;

namespace IamUeba.Core.Ingest;

/// <summary>One item's result: an observation to apply, or why it was skipped.</summary>
internal struct DigestResult
{
    public EventObservation Observation;
    public SkipReason? Skip;
    public string? SkipDetail;
}
