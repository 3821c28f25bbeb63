using IamUeba.Cli.Generate;
using IamUeba.Core.Report;

namespace IamUeba.Cli.Tests;

/// <summary>One small labelled population (300 principals, 60k events, one attacker per scenario), generated and scored once.</summary>
public sealed class PopulationFixture : IDisposable
{
    public PopulationFixture()
    {
        Run = GeneratedRun.Create(new GenerateSettings { Principals = 300, Events = 60_000, Attackers = 9, Format = OutputFormat.Jsonl, Seed = 1 }, "trail.jsonl");
        Report = Run.Analyze();
    }

    internal GeneratedRun Run { get; }

    public DetectionReport Report { get; }

    public PrincipalResult Attacker(string scenario)
    {
        var label = Run.Result.Labels.Single(l => l.Scenario == scenario);
        return Report.Results.Single(r => r.UserArn == label.Principal);
    }

    public void Dispose() => Run.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PopulationCollection : ICollectionFixture<PopulationFixture>
{
    public const string Name = "generated population";
}
