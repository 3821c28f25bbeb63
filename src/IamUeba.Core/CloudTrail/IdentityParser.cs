using System.Text.Json;

namespace IamUeba.Core.CloudTrail;

/// <summary>Reads <c>userIdentity</c>, tolerating the key spellings real exports use.</summary>
internal static class IdentityParser
{
    public static void Read(ref Utf8JsonReader reader, UserIdentity id, StringPool pool)
    {
        Span<byte> nameBuffer = stackalloc byte[64];
        while (JsonFields.Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonFields.Name(in reader, nameBuffer);
            JsonFields.Next(ref reader);
            if (JsonFields.Is(name, "type"u8))
            {
                id.Type = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "arn"u8))
            {
                id.Arn = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "principalid"u8))
            {
                id.PrincipalId = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "accountid"u8))
            {
                id.AccountId = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "username"u8))
            {
                id.UserName = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "accesskeyid"u8) || JsonFields.Is(name, "acceskeyid"u8))
            {
                // Only its kind matters (AKIA = a long-term key, which cannot carry MFA): no string for a per-session id.
                id.LongTermAccessKey = reader.TokenType == JsonTokenType.String && reader.ValueSpan.StartsWith("AKIA"u8);
            }
            else if (JsonFields.Is(name, "invokedby"u8))
            {
                id.InvokedBy = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "identityprovider"u8))
            {
                id.IdentityProvider = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "userid"u8))
            {
                id.UserId = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "identitystorearn"u8))
            {
                id.IdentityStoreArn = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "onbehalfof"u8))
            {
                ReadOnBehalfOf(ref reader, id, pool);
            }
            else if (JsonFields.Is(name, "sessioncontext"u8))
            {
                ReadSessionContext(ref reader, id, pool);
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }
    }

    private static void ReadOnBehalfOf(ref Utf8JsonReader reader, UserIdentity id, StringPool pool)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonFields.SkipValue(ref reader);
            return;
        }

        Span<byte> nameBuffer = stackalloc byte[64];
        while (JsonFields.Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonFields.Name(in reader, nameBuffer);
            JsonFields.Next(ref reader);
            if (JsonFields.Is(name, "userid"u8))
            {
                id.OnBehalfOfUserId = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "identitystorearn"u8))
            {
                id.OnBehalfOfIdentityStoreArn = JsonFields.String(ref reader, pool);
            }

            JsonFields.SkipValue(ref reader);
        }
    }

    private static void ReadSessionContext(ref Utf8JsonReader reader, UserIdentity id, StringPool pool)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonFields.SkipValue(ref reader);
            return;
        }

        id.HasSessionContext = true;
        Span<byte> nameBuffer = stackalloc byte[64];
        while (JsonFields.Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonFields.Name(in reader, nameBuffer);
            JsonFields.Next(ref reader);
            if (JsonFields.Is(name, "sessionissuer"u8))
            {
                ReadSessionIssuer(ref reader, id, pool);
            }
            else if (JsonFields.Is(name, "attributes"u8))
            {
                ReadAttributes(ref reader, id);
            }
            else if (JsonFields.Is(name, "webidfederationdata"u8))
            {
                id.HasWebIdFederation = JsonFields.IsNonEmptyContainer(ref reader);
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }
    }

    private static void ReadSessionIssuer(ref Utf8JsonReader reader, UserIdentity id, StringPool pool)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonFields.SkipValue(ref reader);
            return;
        }

        Span<byte> nameBuffer = stackalloc byte[64];
        while (JsonFields.Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonFields.Name(in reader, nameBuffer);
            JsonFields.Next(ref reader);
            if (JsonFields.Is(name, "arn"u8))
            {
                id.SessionIssuerArn = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "type"u8))
            {
                id.SessionIssuerType = JsonFields.String(ref reader, pool);
            }
            else if (JsonFields.Is(name, "username"u8))
            {
                id.SessionIssuerUserName = JsonFields.String(ref reader, pool);
            }

            JsonFields.SkipValue(ref reader);
        }
    }

    private static void ReadAttributes(ref Utf8JsonReader reader, UserIdentity id)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonFields.SkipValue(ref reader);
            return;
        }

        Span<byte> nameBuffer = stackalloc byte[64];
        while (JsonFields.Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonFields.Name(in reader, nameBuffer);
            JsonFields.Next(ref reader);
            if (JsonFields.Is(name, "mfaauthenticated"u8))
            {
                id.MfaAuthenticated = JsonFields.Boolean(ref reader);
            }

            JsonFields.SkipValue(ref reader);
        }
    }
}
