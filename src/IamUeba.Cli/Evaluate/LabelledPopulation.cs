using System.IO.Pipelines;
using IamUeba.Cli.Generate;
using IamUeba.Core;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Rules;

namespace IamUeba.Cli.Evaluate;

/// <summary>
/// A generated population read back through IamUeba.Core, stopped before the ML layer so that
/// several ML variants can score the same principals: the stages and their order are
/// ReportBuilder's (a test holds the default variant equal to POST /detect's answer).
/// </summary>
internal sealed class LabelledPopulation
{
    private LabelledPopulation(PopulationSpec spec, int seed, IReadOnlyList<PrincipalFeatures> principals, IReadOnlyList<List<RuleHit>> hits, IReadOnlyList<(string Principal, string Scenario)> attackers, long events)
    {
        Spec = spec;
        Seed = seed;
        Principals = principals;
        Hits = hits;
        Attackers = attackers;
        Events = events;
    }

    public PopulationSpec Spec { get; }
    public int Seed { get; }

    /// <summary>Ranked principals, ordered by key as ReportBuilder orders them.</summary>
    public IReadOnlyList<PrincipalFeatures> Principals { get; }

    /// <summary>Rule hits of each principal, same order.</summary>
    public IReadOnlyList<List<RuleHit>> Hits { get; }

    /// <summary>The labelled attackers in the generator's order (the k-th runs scenario k mod 9).</summary>
    public IReadOnlyList<(string Principal, string Scenario)> Attackers { get; }

    public long Events { get; }

    /// <summary>Generates the population straight into the reader through a pipe: nothing touches the disk.</summary>
    public static async Task<LabelledPopulation> CreateAsync(PopulationSpec spec, int seed, DetectionOptions options, CancellationToken cancellationToken)
    {
        var settings = new GenerateSettings
        {
            Principals = spec.Principals,
            Events = spec.Events,
            Attackers = spec.Attackers,
            Seed = seed,
            Format = OutputFormat.Jsonl,
            Out = "-",
        };
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }

        var zone = TimeZoneResolver.Find(options.TimeZone) ?? throw new ArgumentException($"'{options.TimeZone}' is not an IANA time zone.");
        var pool = new StringPool(options.Limits.MaxStringLength);
        var aggregator = new FeatureAggregator(pool, options, new BusinessHours(zone, options.BusinessHoursStart, options.BusinessHoursEnd));
        var reader = new CloudTrailReader(aggregator, pool, new SkipLog(), options.Limits.ToReaderLimits());

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 22, resumeWriterThreshold: 1 << 21));
        var generated = Task.Run(
            async () =>
            {
                try
                {
                    var result = await Generator.RunAsync(settings, pipe.Writer.AsStream(leaveOpen: true), cancellationToken).ConfigureAwait(false);
                    await pipe.Writer.CompleteAsync().ConfigureAwait(false);
                    return result;
                }
                catch (Exception ex)
                {
                    await pipe.Writer.CompleteAsync(ex).ConfigureAwait(false);
                    throw;
                }
            },
            cancellationToken);
        var part = await reader.ReadAsync(pipe.Reader.AsStream(), "trail.jsonl", cancellationToken).ConfigureAwait(false);
        var generation = await generated.ConfigureAwait(false);

        var principals = aggregator.ComputeFeatures(options.Rules);
        var engine = new RuleEngine(options.Rules);
        var hits = principals.Select(engine.Evaluate).ToList();
        var attackers = generation.Labels.Select(l => (l.Principal, l.Scenario)).ToList();
        return new LabelledPopulation(spec, seed, principals, hits, attackers, part.Events + part.Excluded);
    }
}
