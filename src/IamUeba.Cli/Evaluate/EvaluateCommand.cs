using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using IamUeba.Cli.Scan;
using IamUeba.Core;

namespace IamUeba.Cli.Evaluate;

/// <summary>
/// iamueba evaluate: generates labelled populations and measures rules alone, ML alone and both
/// combined against the labels (docs/detection-quality.md). Tables go to standard output and are
/// the same bytes on every run; wall times go to standard error.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var populations = new Option<string[]>("--population")
        {
            Description = "PRINCIPALS:EVENTS:ATTACKERS to generate, repeatable (default 50:12000:9 and 500:120000:10).",
            AllowMultipleArgumentsPerToken = true,
        };
        var seeds = new Option<int[]>("--seeds")
        {
            Description = "Generator seeds, each a population of its own (default 1 2 3 4 5).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [1, 2, 3, 4, 5],
        };
        var variants = new Option<bool>("--variants") { Description = "Also score every variant of the ablation (feature sets, rank, k, chi-square quantile) on the same populations." };
        var settings = new Option<FileInfo?>("--settings") { Description = "A JSON settings file with an \"IamUeba\" section, as the service's appsettings.json." };

        var command = new Command("evaluate", "Measure detection on generated, labelled populations: precision, recall and each attacker's rank for rules, ML and both.")
        {
            populations, seeds, variants, settings,
        };
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            var specs = new List<PopulationSpec>();
            foreach (var text in result.GetValue(populations) ?? [])
            {
                if (!PopulationSpec.TryParse(text, out var spec))
                {
                    await Console.Error.WriteLineAsync($"iamueba: --population '{text}' is not PRINCIPALS:EVENTS:ATTACKERS (for example 500:120000:10).").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                specs.Add(spec);
            }

            DetectionOptions options;
            try
            {
                options = SettingsFile.Load(result.GetValue(settings));
                var errors = DetectionOptionsValidator.Validate(options);
                if (errors.Count > 0)
                {
                    throw new InvalidDataException("Invalid IamUeba configuration: " + string.Join(" ", errors));
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException)
            {
                await Console.Error.WriteLineAsync($"iamueba: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var request = new EvaluationRequest(specs.Count == 0 ? PopulationSpec.Defaults : specs, result.GetValue(seeds) ?? [1], result.GetValue(variants), options);
            return await RunAsync(request, Console.Out, Console.Error, ct).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(EvaluationRequest request, TextWriter output, TextWriter log, CancellationToken ct)
    {
        var variants = request.Variants ? Variants.All(request.Options.Ml) : [Variant.Default(request.Options.Ml)];
        var total = Stopwatch.StartNew();
        foreach (var spec in request.Populations)
        {
            var byVariant = variants.Select(_ => new List<RunOutcome>()).ToList();
            foreach (var seed in request.Seeds)
            {
                var clock = Stopwatch.StartNew();
                LabelledPopulation population;
                try
                {
                    population = await LabelledPopulation.CreateAsync(spec, seed, request.Options, ct).ConfigureAwait(false);
                }
                catch (ArgumentException ex)
                {
                    await log.WriteLineAsync($"iamueba: {spec}: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                var read = clock.Elapsed;
                for (var v = 0; v < variants.Count; v++)
                {
                    byVariant[v].Add(Evaluator.Score(population, variants[v], request.Options.Levels));
                }

                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{spec} seed {seed}: {population.Events} events generated and read in {read.TotalSeconds:0.0} s, {population.Principals.Count} principals; {variants.Count} variant(s) scored in {(clock.Elapsed - read).TotalSeconds:0.0} s.")).ConfigureAwait(false);
            }

            await output.WriteLineAsync(MarkdownReport.Runs(spec, byVariant[0])).ConfigureAwait(false);
            if (request.Variants)
            {
                await output.WriteLineAsync(MarkdownReport.Variants(spec, byVariant)).ConfigureAwait(false);
            }
        }

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"evaluate: done in {total.Elapsed.TotalSeconds:0.0} s.")).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary>What to evaluate: population sizes, seeds, whether to score the variants, and the detection settings.</summary>
internal sealed record EvaluationRequest(IReadOnlyList<PopulationSpec> Populations, IReadOnlyList<int> Seeds, bool Variants, DetectionOptions Options);
