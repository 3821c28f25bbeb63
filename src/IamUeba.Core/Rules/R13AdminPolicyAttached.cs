using System.Text.Json;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Rules;

/// <summary>Administrator rights granted: AdministratorAccess attached, or an inline policy allowing every action.</summary>
public sealed class R13AdminPolicyAttached : SignatureRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.AdminPolicyAttached,
        SettingsKey: "R13",
        Title: "Administrator policy granted",
        Description: "A successful Attach{User,Role,Group}Policy of arn:aws:iam::aws:policy/AdministratorAccess, or a Put{User,Role,Group}Policy, CreatePolicy or CreatePolicyVersion whose document allows \"Action\": \"*\".",
        Mitre: ["T1098.003", "T1078.004"],
        FalsePositives: "Break-glass roles set up on purpose; account bootstrap by infrastructure as code.",
        Recommendation: "Find who needs full administrator rights and why; replace with least-privilege policies and remove the grant if it was not planned.",
        Comparison: ">=");

    private static readonly HashSet<string> Attach = new(StringComparer.Ordinal) { "AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy" };
    private static readonly HashSet<string> Inline = new(StringComparer.Ordinal) { "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy", "CreatePolicy", "CreatePolicyVersion" };
    private static readonly HashSet<string> Names = new(Attach.Concat(Inline), StringComparer.Ordinal);

    public override RuleDescriptor Descriptor => Info;

    public override IReadOnlySet<string> EventNames => Names;

    public override bool Matches(CloudTrailEvent e, PrincipalIdentity principal)
    {
        if (!Succeeded(e))
        {
            return false;
        }

        if (Attach.Contains(e.EventName!))
        {
            return e.PolicyArn is { } arn && arn.EndsWith(":policy/AdministratorAccess", StringComparison.Ordinal);
        }

        return Inline.Contains(e.EventName!) && e.PolicyDocument is { } document && AllowsEverything(document);
    }

    /// <summary>True when a statement allows "*" (as a string or in a list). CloudTrail sometimes URL-encodes the document.</summary>
    public static bool AllowsEverything(string document)
    {
        var text = document.TrimStart().StartsWith('%') ? Uri.UnescapeDataString(document) : document;
        try
        {
            using var policy = JsonDocument.Parse(text);
            if (!policy.RootElement.TryGetProperty("Statement", out var statements))
            {
                return false;
            }

            var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
            return list.Any(s => s.ValueKind == JsonValueKind.Object
                && s.TryGetProperty("Effect", out var effect) && effect.ValueKind == JsonValueKind.String && effect.GetString() == "Allow"
                && s.TryGetProperty("Action", out var action) && IsStar(action));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsStar(JsonElement action) => action.ValueKind switch
    {
        JsonValueKind.String => action.GetString() == "*",
        JsonValueKind.Array => action.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == "*"),
        _ => false,
    };
}
