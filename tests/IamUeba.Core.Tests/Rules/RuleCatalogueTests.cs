using System.Reflection;
using System.Text.RegularExpressions;
using IamUeba.Core.Rules;

namespace IamUeba.Core.Tests.Rules;

/// <summary>Walks every rule: the catalogue users read and configure must be complete and consistent.</summary>
public sealed partial class RuleCatalogueTests
{
    public static TheoryData<string> RuleIdsInEngine => [.. RuleEngine.All.Select(r => r.Descriptor.Id)];

    private static IRule Rule(string id) => RuleEngine.All.Single(r => r.Descriptor.Id == id);

    private static List<string> DeclaredIds() =>
        typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

    [GeneratedRegex(@"^T\d{4}(\.\d{3})?$")]
    private static partial Regex MitreTechnique();

    [GeneratedRegex(@"^R(0[1-9]|1[0-9])$")]
    private static partial Regex SettingsKey();

    [Fact]
    public void There_are_the_prototypes_nine_rules_and_ten_signatures_in_id_order_each_with_a_unique_declared_id()
    {
        var ids = RuleEngine.All.Select(r => r.Descriptor.Id).ToList();

        ids.Should().HaveCount(19).And.OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        ids.Should().BeEquivalentTo(DeclaredIds(), "every id in RuleIds has a rule and every rule's id is in RuleIds");
    }

    [Fact]
    public void Settings_keys_are_unique_and_are_exactly_the_configuration_keys()
    {
        var keys = RuleEngine.All.Select(r => r.Descriptor.SettingsKey).ToList();

        keys.Should().OnlyHaveUniqueItems();
        keys.Should().Equal(RuleOptions.Keys);
    }

    [Theory]
    [MemberData(nameof(RuleIdsInEngine))]
    public void Each_rule_has_a_settings_key_that_configuration_accepts_and_that_prefixes_its_id(string id)
    {
        var rule = Rule(id);
        var key = rule.Descriptor.SettingsKey;

        key.Should().MatchRegex(SettingsKey().ToString());
        id.Should().StartWith(key + "_");
        var options = new RuleOptions();
        options.Invoking(o => o.For(key)).Should().NotThrow();
        options.For(key).Should().NotBeNull();
        new RuleEngine(options).SettingsOf(rule).Should().BeSameAs(options.For(key));
    }

    [Theory]
    [MemberData(nameof(RuleIdsInEngine))]
    public void Each_rule_explains_itself_to_an_analyst(string id)
    {
        var d = Rule(id).Descriptor;

        d.Title.Should().NotBeNullOrWhiteSpace();
        d.Description.Should().NotBeNullOrWhiteSpace();
        d.FalsePositives.Should().NotBeNullOrWhiteSpace();
        d.Recommendation.Should().NotBeNullOrWhiteSpace();
        d.Mitre.Should().NotBeEmpty().And.OnlyHaveUniqueItems().And.OnlyContain(t => MitreTechnique().IsMatch(t), "MITRE technique ids look like T1234 or T1234.001");
        d.Comparison.Should().BeOneOf(">", ">=");
    }

    [Theory]
    [MemberData(nameof(RuleIdsInEngine))]
    public void Each_rule_publishes_its_descriptor_as_a_static_next_to_its_logic(string id)
    {
        var rule = Rule(id);
        var info = rule.GetType().GetField("Info", BindingFlags.Public | BindingFlags.Static);

        rule.GetType().IsSealed.Should().BeTrue();
        info.Should().NotBeNull();
        info!.GetValue(null).Should().BeSameAs(rule.Descriptor);
    }

    [Theory]
    [MemberData(nameof(RuleIdsInEngine))]
    public void Each_rule_has_its_own_test_class_with_tests(string id)
    {
        var expected = Rule(id).GetType().Name + "Tests";

        var testClass = typeof(RuleCatalogueTests).Assembly.GetTypes().SingleOrDefault(t => t.Name == expected);

        testClass.Should().NotBeNull($"{id} needs a test class named {expected}");
        testClass!.GetMethods()
            .Count(m => m.GetCustomAttributes<FactAttribute>().Any(a => a.Skip is null))
            .Should().BeGreaterThanOrEqualTo(2, "a rule needs at least a fires and a does-not-fire case");
    }

    [Theory]
    [InlineData("R01", 0.30, 10, 0)]
    [InlineData("R02", 0.20, 15, 0)]
    [InlineData("R03", 1, 20, 0)]
    [InlineData("R04", 3, 10, 0)]
    [InlineData("R05", 0.40, 15, 0)]
    [InlineData("R06", 5, 20, 0)]
    [InlineData("R07", 5, 18, 0)]
    [InlineData("R08", 2, 8, 60)]
    [InlineData("R09", 100, 10, 10)]
    [InlineData("R10", 1, 60, 0)]
    [InlineData("R11", 1, 40, 0)]
    [InlineData("R12", 1, 60, 0)]
    [InlineData("R13", 1, 60, 0)]
    [InlineData("R14", 1, 60, 0)]
    [InlineData("R15", 3, 60, 60)]
    [InlineData("R16", 1, 60, 0)]
    [InlineData("R17", 5, 60, 60)]
    [InlineData("R18", 1, 60, 0)]
    [InlineData("R19", 1, 60, 0)]
    public void Defaults_are_the_prototypes_thresholds_and_points(string key, double threshold, int points, int windowMinutes)
    {
        var settings = new RuleOptions().For(key);

        settings.Enabled.Should().BeTrue();
        settings.Threshold.Should().Be(threshold);
        settings.Points.Should().Be(points);
        settings.WindowMinutes.Should().Be(windowMinutes);
    }

    [Theory]
    [InlineData(RuleIds.OffHours, ">")]
    [InlineData(RuleIds.HighRiskRatio, ">")]
    [InlineData(RuleIds.NoMfa, ">=")]
    [InlineData(RuleIds.MultiIp, ">=")]
    [InlineData(RuleIds.HighFailRate, ">")]
    [InlineData(RuleIds.ConsecutiveFailures, ">=")]
    [InlineData(RuleIds.AdminAbuse, ">=")]
    [InlineData(RuleIds.MultiRegion, ">=")]
    [InlineData(RuleIds.EventBurst, ">")]
    public void Comparisons_read_as_the_prototype_words_them(string id, string comparison)
    {
        // "more than" is >, "N or more" and "at least one" are >=.
        Rule(id).Descriptor.Comparison.Should().Be(comparison);
    }

    [Fact]
    public void An_unknown_settings_key_is_refused()
    {
        new RuleOptions().Invoking(o => o.For("R99")).Should().Throw<ArgumentOutOfRangeException>();
    }
}
