namespace IamUeba.Core.Rules;

/// <summary>What a rule is, for the catalogue and the answer: the metadata beside its logic.</summary>
/// <param name="Id">The prototype's id, e.g. R06_CONSEC_FAIL.</param>
/// <param name="SettingsKey">Its configuration key under IamUeba:Rules (R06).</param>
/// <param name="Mitre">MITRE ATT&amp;CK technique ids.</param>
/// <param name="Comparison">How the observed value meets the threshold: "&gt;" or "&gt;=".</param>
public sealed record RuleDescriptor(
    string Id,
    string SettingsKey,
    string Title,
    string Description,
    IReadOnlyList<string> Mitre,
    string FalsePositives,
    string Recommendation,
    string Comparison);
