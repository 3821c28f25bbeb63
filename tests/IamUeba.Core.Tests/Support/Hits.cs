using IamUeba.Core.Report;

namespace IamUeba.Core.Tests.Support;

/// <summary>Reading an answer the way an analyst does: a principal's rule hit, and which events it points at.</summary>
public static class Hits
{
    public static RuleHitView Hit(this PrincipalResult result, string ruleId) =>
        result.RuleHits.Single(h => h.RuleId == ruleId);

    /// <summary>The eventID the builder gave a record.</summary>
    public static string Id(this Record record) => record.Json["eventID"]!.GetValue<string>();

    public static string Time(this Record record) => record.Json["eventTime"]!.GetValue<string>();

    public static IEnumerable<string?> Ids(this RuleHitView hit) => hit.Evidence.Select(e => e.EventId);
}
