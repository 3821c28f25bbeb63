using System.Text.Json;
using IamUeba.Core;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Report;
using IamUeba.Core.Risk;

namespace IamUeba.Cli.Scan;

/// <summary>Runs the detection pipeline over files on disk, exactly as POST /detect runs it over uploaded parts.</summary>
internal static class Scanner
{
    public static async Task<int> RunAsync(ScanOptions options, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        DetectionPipeline pipeline;
        AnalysisSession session;
        try
        {
            pipeline = new DetectionPipeline(SettingsFile.Load(options.Settings));
            session = pipeline.Begin(options.Request);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or JsonException or IOException)
        {
            await errors.WriteLineAsync($"iamueba: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await ScanAsync(session, options, output, errors, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // After an early return or an error the workers' threads go back; after CompleteAsync nothing is left.
            await session.AbandonAsync().ConfigureAwait(false);
        }
    }

    private static async Task<int> ScanAsync(AnalysisSession session, ScanOptions options, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var files = InputFiles.Expand(options.Paths, problems);
        foreach (var problem in problems)
        {
            await errors.WriteLineAsync($"iamueba: {problem}").ConfigureAwait(false);
        }

        if (options.Strict && problems.Count > 0)
        {
            return ExitCodes.Error;
        }

        using var progress = new Progress(files, errors);
        var unreadable = 0;
        foreach (var file in files)
        {
            var stream = File.OpenRead(file);
            await using (stream.ConfigureAwait(false))
            {
                try
                {
                    // The part is named as curl names an uploaded file, so the JSON answer equals POST /detect's.
                    await session.ReadAsync(progress.Track(stream), Path.GetFileName(file), cancellationToken).ConfigureAwait(false);
                }
                catch (CloudTrailFormatException ex)
                {
                    unreadable++;
                    progress.Clear();
                    await errors.WriteLineAsync($"iamueba: {file}: {Describe(ex)}").ConfigureAwait(false);
                    if (options.Strict)
                    {
                        return ExitCodes.Error;
                    }
                }
            }

            progress.FileDone(file);
        }

        progress.Clear();
        DetectionReport report;
        try
        {
            report = await session.CompleteAsync().ConfigureAwait(false);
        }
        catch (CloudTrailFormatException ex)
        {
            await errors.WriteLineAsync($"iamueba: nothing to analyse: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }

        if (options.Json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(report, ReportJson.Options)).ConfigureAwait(false);
        }
        else
        {
            await output.WriteAsync(ReportTable.Render(report, unreadable)).ConfigureAwait(false);
        }

        return options.FailOn is { } level && report.LevelCounts.Any(c => Enum.Parse<RiskLevel>(c.Key) >= level && c.Value > 0)
            ? ExitCodes.FailOn
            : ExitCodes.Ok;
    }

    // The reader's messages already say where (line, column, byte).
    private static string Describe(CloudTrailFormatException ex) => $"{ex.Message}; skipped (events read before the fault are kept)";
}
