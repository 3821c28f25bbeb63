using IamUeba.Core.Features;
using IamUeba.Core.Scoring;

namespace IamUeba.Core.Tests.Features;

/// <summary>The ML feature vector: names and order in one place, the prototype's nine first.</summary>
public sealed class FeatureVectorTests
{
    private static readonly string[] Prototype =
    [
        "total_events", "off_hours_ratio", "high_risk_ratio", "mfa_missing_count", "unique_ips",
        "failure_ratio", "consecutive_failures", "admin_action_count", "unique_regions",
    ];

    [Fact]
    public void The_default_keeps_the_prototypes_nine_in_order_and_adds_burst_and_refusals()
    {
        FeatureVector.Names.Take(9).Should().Equal(Prototype);
        FeatureVector.Names.Skip(9).Should().Equal("burst_events", "denied_events");
    }

    [Fact]
    public void Candidate_names_are_unique_and_ratios_say_so()
    {
        FeatureVector.Candidates.Select(c => c.Name).Should().OnlyHaveUniqueItems();
        FeatureVector.Candidates.Where(c => c.IsRatio).Select(c => c.Name).Should().OnlyContain(n => n.EndsWith("_ratio", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_feature_is_refused_with_the_candidates_named()
    {
        var select = () => FeatureVector.Select("total_events", "vibes");

        select.Should().Throw<ArgumentException>().WithMessage("*'vibes' is not an ML feature*burst_events*");
    }

    [Fact]
    public void The_default_rank_stays_below_the_feature_count()
    {
        new MlOptions().Rank.Should().BeLessThan(FeatureVector.Names.Count);
        DetectionOptionsValidator.Validate(new DetectionOptions { Ml = { Rank = FeatureVector.Names.Count } })
            .Should().ContainSingle(e => e.Contains("IamUeba:Ml:Rank", StringComparison.Ordinal));
    }
}
