namespace IamUeba.Core.Report;

/// <summary>The settings this analysis ran with, so an answer can be reproduced.</summary>
public sealed class AnalysisSettingsView
{
    public string TimeZone { get; init; } = "UTC";
    public string BusinessHours { get; init; } = "06:00-22:00";
    public bool KeyRolesBySession { get; init; }
    public string? MinLevel { get; init; }
    public int? Top { get; init; }
}
