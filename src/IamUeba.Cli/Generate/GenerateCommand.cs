using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using IamUeba.Cli.Generate.Output;

namespace IamUeba.Cli.Generate;

/// <summary>iamueba generate: writes a realistic, labelled CloudTrail population.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var principals = new Option<int>("--principals") { Description = "Principals in the account (people, workloads, root).", DefaultValueFactory = _ => 200 };
        var events = new Option<long>("--events") { Description = "Events in total, attacks included.", DefaultValueFactory = _ => 200_000 };
        var days = new Option<int>("--days") { Description = "Days covered.", DefaultValueFactory = _ => 7 };
        var start = new Option<string>("--start") { Description = "First day (UTC), yyyy-MM-dd.", DefaultValueFactory = _ => "2024-03-04" };
        var seed = new Option<int>("--seed") { Description = "Seed: the same options and seed give the same bytes.", DefaultValueFactory = _ => 1 };
        var attackers = new Option<int>("--attackers") { Description = "Principals that also run a labelled attack scenario.", DefaultValueFactory = _ => 5 };
        var format = new Option<string>("--format") { Description = "records ({\"Records\":[...]}), jsonl (one event per line) or lookup (aws cloudtrail lookup-events output).", DefaultValueFactory = _ => "records" };
        format.AcceptOnlyFromAmong("records", "jsonl", "lookup");
        var gzip = new Option<bool>("--gzip") { Description = "Compress the output with gzip, as S3 delivery does." };
        var split = new Option<bool>("--split-hourly") { Description = "One file per hour and region in the S3 delivery layout (AWSLogs/...), plus digest files; --out is a folder." };
        var output = new Option<string?>("--out") { Description = "Output file, or folder with --split-hourly; '-' or absent: standard output." };
        var labels = new Option<string?>("--labels") { Description = "Write the ground truth (attackers, scenarios, MITRE ids, event IDs) to this JSON file." };

        var command = new Command("generate", "Write a realistic CloudTrail population with labelled attackers.");
        foreach (var option in new Option[] { principals, events, days, start, seed, attackers, format, gzip, split, output, labels })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            if (!DateOnly.TryParseExact(result.GetValue(start), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                await Console.Error.WriteLineAsync("--start must be a date, yyyy-MM-dd.").ConfigureAwait(false);
                return 2;
            }

            var settings = new GenerateSettings
            {
                Principals = result.GetValue(principals),
                Events = result.GetValue(events),
                Days = result.GetValue(days),
                Start = first,
                Seed = result.GetValue(seed),
                Attackers = result.GetValue(attackers),
                Format = Enum.Parse<OutputFormat>(result.GetValue(format) ?? "records", ignoreCase: true),
                Gzip = result.GetValue(gzip),
                SplitHourly = result.GetValue(split),
                Out = result.GetValue(output),
                Labels = result.GetValue(labels),
            };
            return await RunAsync(settings, ct).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(GenerateSettings settings, CancellationToken ct)
    {
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
            }

            return 2;
        }

        var clock = Stopwatch.StartNew();
        GenerateResult result;
        try
        {
            result = await Generator.RunAsync(settings, null, ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        if (settings.Labels is not null)
        {
            await LabelsWriter.WriteAsync(settings.Labels, result, ct).ConfigureAwait(false);
        }

        // The summary goes to standard error so that standard output can carry the events.
        var s = result.Stats;
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{s.Events} events, {result.Model.Principals.Count} principals, {result.Labels.Count} attackers; {s.Files} files, {s.FileBytes} bytes written ({s.JsonBytes} bytes of JSON, {(s.Events == 0 ? 0 : s.RecordBytes / s.Events)} bytes per event) in {clock.Elapsed.TotalSeconds:0.0} s.")).ConfigureAwait(false);
        return 0;
    }
}
