using System.Globalization;
using System.Text;
using IamUeba.Core.Features;

namespace IamUeba.Core.Rules;

/// <summary>The rules with their effective settings: what GET /rules answers and what docs/rules.md shows.</summary>
public static class RuleCatalog
{
    public static RuleCatalogView Describe(DetectionOptions options)
    {
        var catalog = new ActionCatalog(options.ExtraHighRiskActions, options.ExtraAdminActions);
        return new RuleCatalogView
        {
            Rules = [.. RuleEngine.All.Select(rule => View(rule, options.Rules.For(rule.Descriptor.SettingsKey)))],
            HighRiskActions = [.. catalog.HighRisk.Order(StringComparer.Ordinal)],
            AdminActions = [.. catalog.Admin.Order(StringComparer.Ordinal)],
            Levels = new Dictionary<string, int> { ["CRITICAL"] = options.Levels.Critical, ["HIGH"] = options.Levels.High, ["MEDIUM"] = options.Levels.Medium },
            TimeZone = options.TimeZone,
            BusinessHours = string.Create(CultureInfo.InvariantCulture, $"{options.BusinessHoursStart:00}:00-{options.BusinessHoursEnd:00}:00"),
        };
    }

    /// <summary>docs/rules.md, generated from the descriptors and the defaults so it cannot drift.</summary>
    public static string Markdown()
    {
        var defaults = new DetectionOptions();
        var text = new StringBuilder();
        text.AppendLine("# Rules");
        text.AppendLine();
        text.AppendLine("Generated from the rule descriptors in `src/IamUeba.Core/Rules/` by `RuleCatalog.Markdown()`; a test fails when this file differs");
        text.AppendLine("(regenerate with `IAMUEBA_UPDATE_DOCS=1 dotnet test --filter RulesDocument`). Every setting is under `IamUeba:Rules:<key>`");
        text.AppendLine("(`Enabled`, `Threshold`, `Points`, `WindowMinutes`); `GET /rules` shows the values in force.");
        text.AppendLine();
        text.AppendLine("R01-R09 are the prototype's rules with its thresholds and points. R10-R19 are signatures: actions dangerous by");
        text.AppendLine($"themselves, flagged by GuardDuty, Elastic, Panther and Sigma alike. Each carries {defaults.Rules.R10.Points} points, the start of the HIGH band, so one");
        text.AppendLine("alone makes its principal HIGH and any corroborating rule (R03's missing MFA, say) makes it CRITICAL. The exception is R11:");
        text.AppendLine($"root signing in with MFA to read billing and account pages is what root is kept for, so R11 alone is {defaults.Rules.R11.Points} points (MEDIUM, still");
        text.AppendLine("reported, as Sigma rates it), and R16 adds the rest when root is used without MFA, with an access key or to change something.");
        text.AppendLine();
        text.AppendLine("| key | id | fires when | default | points | MITRE ATT&CK | known false positives |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var rule in RuleEngine.All)
        {
            var d = rule.Descriptor;
            var s = defaults.Rules.For(d.SettingsKey);
            var window = s.WindowMinutes > 0 ? string.Create(CultureInfo.InvariantCulture, $" within {s.WindowMinutes} min") : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {d.SettingsKey} | `{d.Id}` | **{d.Title}.** {Cell(d.Description)} | {d.Comparison} {s.Threshold.ToString(CultureInfo.InvariantCulture)}{window} | {s.Points} | {string.Join(", ", d.Mitre)} | {Cell(d.FalsePositives)} |");
        }

        text.AppendLine();
        text.AppendLine("## Recommendations given with each hit");
        text.AppendLine();
        foreach (var rule in RuleEngine.All)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- `{rule.Descriptor.Id}`: {rule.Descriptor.Recommendation}");
        }

        return text.ToString();
    }

    private static RuleView View(IRule rule, RuleSettings settings) => new()
    {
        Key = rule.Descriptor.SettingsKey,
        Id = rule.Descriptor.Id,
        Title = rule.Descriptor.Title,
        Description = rule.Descriptor.Description,
        Enabled = settings.Enabled,
        Threshold = settings.Threshold,
        Comparison = rule.Descriptor.Comparison,
        WindowMinutes = settings.WindowMinutes > 0 ? settings.WindowMinutes : null,
        Points = settings.Points,
        Signature = rule is IEventSignature,
        Mitre = [.. rule.Descriptor.Mitre],
        FalsePositives = rule.Descriptor.FalsePositives,
        Recommendation = rule.Descriptor.Recommendation,
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
