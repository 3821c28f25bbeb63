using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Rules;

/// <summary>
/// A rule decided by single events (an action dangerous by itself, with its request), so it is
/// checked while events stream by: the request parameters are gone once aggregation is done.
/// </summary>
public interface IEventSignature
{
    RuleDescriptor Descriptor { get; }

    bool Matches(CloudTrailEvent e, PrincipalIdentity principal);

    /// <summary>
    /// The event names <see cref="Matches"/> can accept (it refuses every other), or null when any
    /// name can match: events are checked only against the signatures their name can match.
    /// </summary>
    IReadOnlySet<string>? EventNames { get; }

    /// <summary>Matching events kept in full as evidence, per principal (the first ones).</summary>
    int ExamplesKept { get; }
}
