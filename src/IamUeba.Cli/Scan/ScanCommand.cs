using System.CommandLine;
using IamUeba.Core;
using IamUeba.Core.Risk;

namespace IamUeba.Cli.Scan;

/// <summary>iamueba scan PATH...: the same detection as POST /detect, on files, folders and globs on disk.</summary>
internal static class ScanCommand
{
    public const int ExitFailOn = 3;
    public const int ExitError = 1;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files, folders (read recursively, e.g. an 'aws s3 sync' of AWSLogs/) or globs (AWSLogs/**/*.json.gz).",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "table (for a terminal) or json (exactly the answer POST /detect gives for the same files).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var failOn = new Option<RiskLevel?>("--fail-on") { Description = "Exit with code 3 when any principal is at or above this level (LOW, MEDIUM, HIGH, CRITICAL)." };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first file that cannot be read (exit 1) instead of reporting it and going on." };
        var timezone = new Option<string?>("--timezone") { Description = "IANA time zone for off-hours, e.g. Europe/Berlin (default: configuration, UTC)." };
        var minLevel = new Option<RiskLevel?>("--min-level") { Description = "List only principals at or above this level; counts stay complete." };
        var top = new Option<int?>("--top") { Description = "List at most this many principals." };
        var settings = new Option<FileInfo?>("--settings") { Description = "A JSON settings file with an \"IamUeba\" section, as the service's appsettings.json." };

        var command = new Command("scan", "Score the principals in CloudTrail files, folders or globs on disk, offline.")
        {
            paths, format, failOn, strict, timezone, minLevel, top, settings,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new ScanOptions(
                result.GetValue(paths)!,
                result.GetValue(format) == "json",
                result.GetValue(failOn),
                result.GetValue(strict),
                new AnalysisRequest { TimeZone = result.GetValue(timezone), MinLevel = result.GetValue(minLevel), Top = result.GetValue(top) },
                result.GetValue(settings));
            return await Scanner.RunAsync(options, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
