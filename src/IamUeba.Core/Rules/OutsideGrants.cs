using System.Text.Json;

namespace IamUeba.Core.Rules;

/// <summary>
/// Reads a resource or trust policy for whom it lets in from outside: anyone ("*" without a
/// condition), or an AWS account other than the resource's own. Service and federated principals are
/// not outsiders; a "*" with a condition (an organization, VPC or source restriction) is not public.
/// </summary>
public static class OutsideGrants
{
    /// <summary>The first outside grantee ("*" or the account id), or null when the policy lets no outsider in (or is not JSON).</summary>
    public static string? Find(string? policy, string? ownAccount)
    {
        if (string.IsNullOrWhiteSpace(policy))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(policy);
            if (document.RootElement.ValueKind != JsonValueKind.Object || Property(document.RootElement, "Statement") is not { } statements)
            {
                return null;
            }

            foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Enumerable.Repeat(statements, 1))
            {
                if (Grantee(statement, ownAccount) is { } grantee)
                {
                    return grantee;
                }
            }
        }
        catch (JsonException)
        {
            // Not a policy we can read (Panther's tests include "invalid-json-policy"): nothing to say.
        }

        return null;
    }

    private static string? Grantee(JsonElement statement, string? ownAccount)
    {
        if (statement.ValueKind != JsonValueKind.Object
            || Property(statement, "Effect") is not { ValueKind: JsonValueKind.String } effect
            || !string.Equals(effect.GetString(), "Allow", StringComparison.OrdinalIgnoreCase)
            || Property(statement, "Principal") is not { } principal)
        {
            return null;
        }

        var conditioned = Property(statement, "Condition") is { ValueKind: JsonValueKind.Object } condition && condition.EnumerateObject().Any();
        IEnumerable<JsonElement> aws = principal.ValueKind switch
        {
            JsonValueKind.String => [principal],
            JsonValueKind.Object when Property(principal, "AWS") is { } list => list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [list],
            _ => [],
        };
        foreach (var value in aws)
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (text == "*")
            {
                if (!conditioned)
                {
                    return "*";
                }

                continue;
            }

            if (Account(text) is { } account && !string.Equals(account, ownAccount, StringComparison.Ordinal))
            {
                return account;
            }
        }

        return null;
    }

    /// <summary>"arn:aws:iam::123456789012:root" or a bare "123456789012": the account; null for anything else.</summary>
    private static string? Account(string? principal)
    {
        if (principal is null)
        {
            return null;
        }

        var parts = principal.Split(':');
        var candidate = parts.Length >= 5 && parts[0] == "arn" ? parts[4] : principal;
        return candidate.Length == 12 && candidate.All(char.IsAsciiDigit) ? candidate : null;
    }

    // Policy keys are case-sensitive in AWS, but exports and hand-written tests vary: match ignoring case.
    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
