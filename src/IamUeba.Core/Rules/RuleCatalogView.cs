namespace IamUeba.Core.Rules;

/// <summary>The answer of GET /rules: every rule as configured now, the action catalogues and the level bands.</summary>
public sealed class RuleCatalogView
{
    public List<RuleView> Rules { get; init; } = [];
    public List<string> HighRiskActions { get; init; } = [];
    public List<string> AdminActions { get; init; } = [];
    public Dictionary<string, int> Levels { get; init; } = [];
    public string TimeZone { get; init; } = "UTC";
    public string BusinessHours { get; init; } = "06:00-22:00";
}
