using IamUeba.Core.Features;
using IamUeba.Core.Scoring;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Scoring;

/// <summary>Orderings and ranges, not exact floats: the planted outlier scores highest, normal principals are not flagged.</summary>
public sealed class PcaAnomalyScorerTests
{
    private static readonly DateTimeOffset Monday = new(2024, 3, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_planted_outlier_that_breaks_no_rule_scores_highest_and_is_flagged()
    {
        var population = Population(normal: 40, withOutlier: true);

        var (summary, results) = new PcaAnomalyScorer(new MlOptions()).Score(population);

        summary.Ran.Should().BeTrue();
        summary.Rank.Should().Be(1, "the default rank (docs/detection-quality.md)");
        var ranked = results.OrderByDescending(r => r.Value.Score).Select(r => r.Key).ToList();
        ranked[0].Should().EndWith("user/mallory");
        results.Single(r => r.Key.EndsWith("user/mallory", StringComparison.Ordinal)).Value.Flagged.Should().BeTrue();
        results.Count(r => r.Value.Flagged).Should().BeLessThanOrEqualTo(1 + 1, "at most one normal principal in 40 (2%) may be flagged besides the outlier");
    }

    [Fact]
    public void The_outliers_top_features_name_what_sets_it_apart_largest_part_first()
    {
        var population = Population(normal: 40, withOutlier: true);

        var (_, results) = new PcaAnomalyScorer(new MlOptions()).Score(population);
        var mallory = results.Single(r => r.Key.EndsWith("user/mallory", StringComparison.Ordinal)).Value;

        mallory.TopFeatures.Should().HaveCount(3);
        mallory.TopFeatures.Select(f => f.Feature).Should().Contain("denied_events", "a third of mallory's calls are refused");
        mallory.TopFeatures.Should().OnlyContain(f => f.Direction == "higher" && f.Text.Contains(" vs median ", StringComparison.Ordinal));
        mallory.TopFeatures.Select(f => f.Contribution).Should().BeInDescendingOrder().And.OnlyContain(c => c > 0);
        mallory.Percentile.Should().Be(100);
        mallory.RatioToThreshold.Should().BeGreaterThan(1);
    }

    [Theory]
    [InlineData(1, FeatureScaling.ZScore)]
    [InlineData(2, FeatureScaling.ZScore)]
    [InlineData(3, FeatureScaling.ZScore)]
    [InlineData(5, FeatureScaling.Robust)]
    public void The_parts_of_all_features_sum_to_the_score(int rank, FeatureScaling scaling)
    {
        var population = Population(normal: 40, withOutlier: true);

        var analysis = new PcaAnomalyScorer(new MlOptions { Rank = rank, Scaling = scaling }).Analyse(population);

        analysis.Summary.Ran.Should().BeTrue();
        analysis.Parts.Should().HaveCount(population.Count);
        foreach (var (key, result) in analysis.Results)
        {
            var parts = analysis.Parts[key];
            parts.Should().HaveCount(FeatureVector.Default.Count);
            parts.Sum().Should().BeApproximately(result.Score, 1e-4, "the score is rounded to four decimals, its parts are not");
            result.TopFeatures.Should().OnlyContain(f => Math.Abs(f.Contribution - parts[FeatureVector.Names.ToList().IndexOf(f.Feature)]) < 1e-4);
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public void A_feature_value_that_is_not_a_finite_count_or_share_is_an_error_not_a_normal_principal(double broken)
    {
        var population = Population(normal: 30, withOutlier: false);
        var victim = population[7].Key;
        Feature[] features = [.. FeatureVector.Default, new("broken_feature", f => f.Key == victim ? broken : 1)];

        var score = () => new PcaAnomalyScorer(new MlOptions(), features).Score(population);

        score.Should().Throw<InvalidOperationException>().WithMessage($"*broken_feature*{victim}*bug in feature computation*");
    }

    [Fact]
    public void With_robust_scaling_the_planted_outlier_still_scores_highest()
    {
        var population = Population(normal: 40, withOutlier: true);

        var (_, results) = new PcaAnomalyScorer(new MlOptions { Scaling = FeatureScaling.Robust }).Score(population);

        results.MaxBy(r => r.Value.Score).Key.Should().EndWith("user/mallory");
    }

    [Fact]
    public void A_chosen_feature_set_is_scored_and_explained_by_its_own_names()
    {
        var population = Population(normal: 40, withOutlier: true);
        var features = FeatureVector.Select("total_events", "unique_ips", "failure_ratio", "unique_regions");

        var (summary, results) = new PcaAnomalyScorer(new MlOptions(), features).Score(population);

        summary.Status.Should().Contain("4 features");
        results.MaxBy(r => r.Value.Score).Value.TopFeatures.Should().OnlyContain(f => features.Any(c => c.Name == f.Feature));
    }

    [Fact]
    public void Below_the_minimum_population_the_layer_does_not_run_and_says_why()
    {
        var population = Population(normal: 5, withOutlier: true);

        var (summary, results) = new PcaAnomalyScorer(new MlOptions()).Score(population);

        summary.Ran.Should().BeFalse();
        summary.Status.Should().Contain("6 principals").And.Contain("minimum population of 20");
        results.Should().BeEmpty();
    }

    [Fact]
    public void Disabled_by_configuration_it_says_so()
    {
        var (summary, _) = new PcaAnomalyScorer(new MlOptions { Enabled = false }).Score(Population(normal: 30, withOutlier: false));

        summary.Ran.Should().BeFalse();
        summary.Status.Should().Contain("IamUeba:Ml:Enabled");
    }

    [Fact]
    public void The_same_population_scores_the_same_every_time()
    {
        var population = Population(normal: 30, withOutlier: true);

        var first = new PcaAnomalyScorer(new MlOptions()).Score(population).Results;
        var second = new PcaAnomalyScorer(new MlOptions()).Score(population).Results;

        second.Should().BeEquivalentTo(first);
    }

    [Fact]
    public void Identical_principals_are_reported_as_nothing_to_set_apart_not_as_nan_scores()
    {
        var population = Population(normal: 25, withOutlier: false, identical: true);

        var (summary, results) = new PcaAnomalyScorer(new MlOptions()).Score(population);

        summary.Ran.Should().BeFalse();
        summary.Status.Should().Contain("same feature values");
        results.Should().BeEmpty();
    }

    /// <summary>
    /// Normal users: 20-30 read calls in business hours, one address, one region, MFA, a rare
    /// throttle. The outlier: reads too, but a third of them denied in runs of four, from two
    /// addresses, across three regions on different days: under every rule threshold.
    /// </summary>
    private static List<PrincipalFeatures> Population(int normal, bool withOutlier, bool identical = false)
    {
        var random = new Random(7);
        var records = new List<Record>();
        for (var u = 0; u < normal; u++)
        {
            var name = $"user{u:00}";
            var count = identical ? 24 : 20 + random.Next(11);
            for (var i = 0; i < count; i++)
            {
                var time = Monday.AddDays(i % 5).AddHours(9 + (identical ? i % 8 : random.Next(8))).AddMinutes(identical ? i : random.Next(60));
                var record = Record.IamUser(name).Call(i % 2 == 0 ? "DescribeInstances" : "ListBuckets", i % 2 == 0 ? "ec2.amazonaws.com" : "s3.amazonaws.com", readOnly: true)
                    .At(time).From($"198.51.100.{u + 1}").In("eu-west-1");
                if (!identical && i == 3 && u % 4 == 0)
                {
                    record.Denied("ThrottlingException");
                }

                records.Add(record);
            }
        }

        if (withOutlier)
        {
            string[] regions = ["eu-west-1", "us-west-2", "ap-northeast-2"];
            for (var i = 0; i < 30; i++)
            {
                var time = Monday.AddDays(i / 10).AddHours(10 + (i % 10 / 2)).AddMinutes(i % 2 * 7);
                var record = Record.IamUser("mallory").Call("ListBuckets", "s3.amazonaws.com", readOnly: true)
                    .At(time).From(i % 2 == 0 ? "203.0.113.10" : "203.0.113.77").In(regions[i / 10]);
                if (i % 10 < 4)
                {
                    record.Denied();
                }

                records.Add(record);
            }
        }

        return [.. Analysis.Features(Record.File(records)).Values.OrderBy(f => f.Key, StringComparer.Ordinal)];
    }
}
