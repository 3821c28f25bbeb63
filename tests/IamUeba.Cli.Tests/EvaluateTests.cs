using System.CommandLine;
using IamUeba.Cli.Evaluate;
using IamUeba.Cli.Generate;
using IamUeba.Core;
using IamUeba.Core.Risk;
using IamUeba.Core.Scoring;

namespace IamUeba.Cli.Tests;

/// <summary>
/// iamueba evaluate on a small population: it measures what the real pipeline answers, by the
/// definitions of docs/detection-quality.md, and prints the same bytes on every run.
/// </summary>
public sealed class EvaluateTests
{
    private static readonly PopulationSpec Small = new(60, 9_000, 9);

    [Fact]
    public async Task The_default_variant_sees_exactly_what_the_pipeline_answers()
    {
        using var run = GeneratedRun.Create(new GenerateSettings { Principals = Small.Principals, Events = Small.Events, Attackers = Small.Attackers, Seed = 3, Format = OutputFormat.Jsonl }, "trail.jsonl");
        var report = run.Analyze();

        var population = await LabelledPopulation.CreateAsync(Small, 3, new DetectionOptions(), CancellationToken.None);
        var outcome = Evaluator.Score(population, Variant.Default(new MlOptions()), new LevelOptions());

        report.Ml.Ran.Should().BeTrue();
        outcome.Principals.Select(o => o.Key).Should().BeEquivalentTo(report.Results.Select(r => r.UserArn));
        foreach (var result in report.Results)
        {
            var o = outcome.Principals.Single(p => p.Key == result.UserArn);
            o.Level.ToString().Should().Be(result.RiskLevel, result.UserArn);
            o.MlScore.Should().Be(result.Ml!.Score, result.UserArn);
            o.Flagged.Should().Be(result.Ml.Flagged, result.UserArn);
            o.Rules.Should().Equal(result.TriggeredRules, result.UserArn);
            o.RulesLevel.Should().Be(new RiskMerger(new LevelOptions(), new MlOptions()).LevelOf(result.ScoreBreakdown.Where(b => b.Key != RiskMerger.MlKey).Sum(b => b.Value)));
        }

        outcome.Attackers.Select(a => a.Key).Should().Equal(run.Result.Labels.Select(l => l.Principal));
    }

    [Fact]
    public async Task The_tables_are_the_same_bytes_on_every_run_and_name_every_attacker()
    {
        var request = new EvaluationRequest([Small], [1, 2], Variants: false, new DetectionOptions());

        var first = await Evaluate(request);
        var second = await Evaluate(request);

        second.Output.Should().Be(first.Output);
        first.Code.Should().Be(0);
        first.Output.Should().Contain("### 60 principals, 9000 events, 9 attackers (default)")
            .And.Contain("| all 2 (pooled; top 15 averaged) |")
            .And.Contain("| 9. low-and-slow |")
            .And.Contain("Highest-scoring normal principals, seed 1:");
        first.Log.Should().Contain("60:9000:9 seed 2: 9000 events generated and read in");
    }

    [Fact]
    public async Task Variants_are_scored_on_the_same_populations()
    {
        var (code, output, _) = await Evaluate(new EvaluationRequest([Small], [1], Variants: true, new DetectionOptions()));

        code.Should().Be(0);
        output.Should().Contain("### Variants on 60 principals").And.Contain("| prototype nine | 9 |").And.Contain("| robust scaling | 11 |");
    }

    [Fact]
    public void Precision_recall_and_top_15_follow_the_documented_definitions()
    {
        var spec = new PopulationSpec(20, 4000, 2);
        PrincipalOutcome Principal(string key, string? scenario, int rank, bool flagged, RiskLevel rules, RiskLevel level, params string[] ids) =>
            new(key, scenario, 100 - rank, flagged, rank, rules, level, ids, string.Empty);
        PrincipalOutcome[] principals =
        [
            Principal("a1", "persistence", 1, flagged: true, RiskLevel.CRITICAL, RiskLevel.CRITICAL, "R12_CREDENTIALS_FOR_OTHERS"),
            Principal("a2", "low-and-slow", 16, flagged: false, RiskLevel.LOW, RiskLevel.LOW),
            Principal("root", null, 2, flagged: true, RiskLevel.HIGH, RiskLevel.CRITICAL, "R11_ROOT_ACTIVITY"),
            Principal("ops", null, 3, flagged: false, RiskLevel.MEDIUM, RiskLevel.MEDIUM, "R07_ADMIN_ABUSE"),
            Principal("dev", null, 4, flagged: true, RiskLevel.MEDIUM, RiskLevel.HIGH, "R07_ADMIN_ABUSE", "R08_MULTI_REGION"),
        ];
        var run = new RunOutcome(spec, 1, 4000, Variant.Default(new MlOptions()), MlSummary.NotRun("test", 5), principals, [principals[0], principals[1]]);

        var m = RunMetrics.Of(run);

        m.Rules.Should().Be(new Selection(Selected: 2, Hits: 1, Attackers: 2));
        m.Ml.Should().Be(new Selection(Selected: 3, Hits: 1, Attackers: 2));
        m.Combined.Should().Be(new Selection(Selected: 3, Hits: 1, Attackers: 2));
        m.Combined.Precision.Should().BeApproximately(1.0 / 3, 1e-12);
        m.Combined.Recall.Should().Be(0.5);
        m.Top15.Should().Be(1, "low-and-slow is 16th");
        (m.Normal, m.NormalFlagged, m.CombinedNoise, m.CombinedOtherFalse).Should().Be((3, 2, 1, 1));
    }

    [Fact]
    public async Task A_malformed_population_is_a_usage_error()
    {
        var root = new RootCommand { EvaluateCommand.Create() };

        var code = await root.Parse(["evaluate", "--population", "500x120000"]).InvokeAsync();

        code.Should().Be(2);
    }

    private static async Task<(int Code, string Output, string Log)> Evaluate(EvaluationRequest request)
    {
        using var output = new StringWriter();
        using var log = new StringWriter();
        var code = await EvaluateCommand.RunAsync(request, output, log, CancellationToken.None);
        return (code, output.ToString(), log.ToString());
    }
}
