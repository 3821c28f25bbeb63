using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Rules;

/// <summary>
/// The shape every signature rule shares: it fires when the principal matched its event signature
/// at least Threshold times, and its evidence is the matching events themselves.
/// </summary>
public abstract class SignatureRule : IRule, IEventSignature
{
    public abstract RuleDescriptor Descriptor { get; }

    public abstract bool Matches(CloudTrailEvent e, PrincipalIdentity principal);

    public virtual IReadOnlySet<string>? EventNames => null;

    public virtual int ExamplesKept => SignatureTally.MaxExamples;

    public virtual double Observe(PrincipalFeatures features, RuleSettings settings) =>
        features.Aggregate.Signatures.GetValueOrDefault(Descriptor.Id)?.Count ?? 0;

    public virtual IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings) =>
        features.Aggregate.Signatures.GetValueOrDefault(Descriptor.Id)?.Examples.OrderBy(e => e.Time) ?? Enumerable.Empty<EventDetail>();

    protected static bool Succeeded(CloudTrailEvent e) => string.IsNullOrEmpty(e.ErrorCode);
}
