using System.Globalization;
using System.Text;
using IamUeba.Core.Report;

namespace IamUeba.Cli.Scan;

/// <summary>The answer as a table a person reads in a terminal: principals by risk, with rules and ML reasons.</summary>
internal static class ReportTable
{
    public static string Render(DetectionReport report, int unreadableFiles)
    {
        var text = new StringBuilder();
        var counts = string.Join("  ", report.LevelCounts.Select(c => $"{c.Key} {c.Value}"));
        text.AppendLine(CultureInfo.InvariantCulture, $"{report.Files.Count} files, {report.TotalEvents} events, {report.TotalUsers} principals ({counts}); max level {report.MaxRiskLevel}");
        if (report.SkippedEvents.Count > 0 || report.DuplicateEvents > 0 || report.ExcludedEvents.Count > 0 || unreadableFiles > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"skipped events {report.SkippedEvents.Count}, duplicates {report.DuplicateEvents}, excluded (AWS services, Insights) {report.ExcludedEvents.Count}, unreadable files {unreadableFiles}");
        }

        text.AppendLine(report.Ml.Status);
        text.AppendLine();
        if (report.Results.Count == 0)
        {
            text.AppendLine("No principals to list.");
            return text.ToString();
        }

        var principalWidth = Math.Min(80, Math.Max("PRINCIPAL".Length, report.Results.Max(r => r.UserArn.Length)));
        text.AppendLine(CultureInfo.InvariantCulture, $"{"LEVEL",-8} {"SCORE",5}  {"PRINCIPAL".PadRight(principalWidth)}  REASONS");
        foreach (var result in report.Results)
        {
            var reasons = new List<string>(result.TriggeredRules);
            if (result.Ml is { Flagged: true } ml)
            {
                reasons.Add("ML: " + string.Join("; ", ml.TopFeatures.Select(f => f.Text)));
            }

            var principal = result.UserArn.Length > principalWidth ? "…" + result.UserArn[^(principalWidth - 1)..] : result.UserArn.PadRight(principalWidth);
            text.AppendLine(CultureInfo.InvariantCulture, $"{result.RiskLevel,-8} {result.RiskScore,5}  {principal}  {(reasons.Count == 0 ? "-" : string.Join(", ", reasons))}");
        }

        if (report.ResultsOmitted > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"({report.ResultsOmitted} more principals below --min-level or past --top)");
        }

        return text.ToString();
    }
}
