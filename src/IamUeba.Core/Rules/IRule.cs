using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>A rule looks at one principal's features and fires or not. It never throws on missing data: absent data does not fire.</summary>
public interface IRule
{
    RuleDescriptor Descriptor { get; }

    /// <summary>The observed value the threshold is compared with.</summary>
    double Observe(PrincipalFeatures features, RuleSettings settings);

    /// <summary>The events that show why it fired, most telling first.</summary>
    IEnumerable<EventDetail> Evidence(PrincipalFeatures features, RuleSettings settings);
}
