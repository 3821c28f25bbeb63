using IamUeba.Core.Report;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.Rules;

/// <summary>Stratus Red Team's captured detonations (../shared/corpus/stratus-red-team/records), read in place.</summary>
internal static class Stratus
{
    public static async Task<DetectionReport> DetonationAsync(string technique) =>
        await Analysis.RunAsync(await File.ReadAllTextAsync(TestPaths.CorpusFile($"stratus-red-team/records/{technique}.json")));

    /// <summary>The principal that ran the detonation: the one the rule fired on.</summary>
    public static PrincipalResult Attacker(this DetectionReport report, string ruleId) =>
        report.Results.Single(r => r.TriggeredRules.Contains(ruleId));
}
