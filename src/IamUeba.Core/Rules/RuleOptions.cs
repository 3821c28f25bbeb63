namespace IamUeba.Core.Rules;

/// <summary>Settings per rule, defaulted to the prototype's thresholds and points (prototype.md).</summary>
public sealed class RuleOptions
{
    public RuleSettings R01 { get; set; } = new(threshold: 0.30, points: 10);

    public RuleSettings R02 { get; set; } = new(threshold: 0.20, points: 15);

    public RuleSettings R03 { get; set; } = new(threshold: 1, points: 20);

    public RuleSettings R04 { get; set; } = new(threshold: 3, points: 10);

    public RuleSettings R05 { get; set; } = new(threshold: 0.40, points: 15);

    public RuleSettings R06 { get; set; } = new(threshold: 5, points: 20);

    public RuleSettings R07 { get; set; } = new(threshold: 5, points: 18);

    public RuleSettings R08 { get; set; } = new(threshold: 2, points: 8, windowMinutes: 60);

    public RuleSettings R09 { get; set; } = new(threshold: 100, points: 10, windowMinutes: 10);

    // Signatures: each is decisive on its own, so its points alone reach HIGH (60).
    public RuleSettings R10 { get; set; } = new(threshold: 1, points: 60);

    // Root visits with MFA to read billing and account pages are what root is kept for: MEDIUM, still
    // reported. R16 adds what makes a root visit a likely compromise.
    public RuleSettings R11 { get; set; } = new(threshold: 1, points: 40);

    public RuleSettings R12 { get; set; } = new(threshold: 1, points: 60);

    public RuleSettings R13 { get; set; } = new(threshold: 1, points: 60);

    public RuleSettings R14 { get; set; } = new(threshold: 1, points: 60);

    public RuleSettings R15 { get; set; } = new(threshold: 3, points: 60, windowMinutes: 60);

    public RuleSettings R16 { get; set; } = new(threshold: 1, points: 60);

    public RuleSettings R17 { get; set; } = new(threshold: 5, points: 60, windowMinutes: 60);

    public RuleSettings R18 { get; set; } = new(threshold: 1, points: 60);

    public RuleSettings R19 { get; set; } = new(threshold: 1, points: 60);

    /// <summary>The settings of a rule by its configuration key (R01..R19).</summary>
    public RuleSettings For(string key) => key switch
    {
        "R01" => R01,
        "R02" => R02,
        "R03" => R03,
        "R04" => R04,
        "R05" => R05,
        "R06" => R06,
        "R07" => R07,
        "R08" => R08,
        "R09" => R09,
        "R10" => R10,
        "R11" => R11,
        "R12" => R12,
        "R13" => R13,
        "R14" => R14,
        "R15" => R15,
        "R16" => R16,
        "R17" => R17,
        "R18" => R18,
        "R19" => R19,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "no such rule"),
    };

    public static IReadOnlyList<string> Keys { get; } = ["R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R09", "R10", "R11", "R12", "R13", "R14", "R15", "R16", "R17", "R18", "R19"];
}
