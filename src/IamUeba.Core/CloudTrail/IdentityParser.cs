using System.Text.Json;

namespace IamUeba.Core.CloudTrail;

/// <summary>Reads <c>userIdentity</c>, tolerating the key spellings real exports use.</summary>
internal static class IdentityParser
{
    internal static readonly NameTable<IdentityField> IdentityFields = new(
        ("type", IdentityField.Type),
        ("arn", IdentityField.Arn),
        ("principalid", IdentityField.PrincipalId),
        ("accountid", IdentityField.AccountId),
        ("username", IdentityField.UserName),
        ("accesskeyid", IdentityField.AccessKeyId),
        ("acceskeyid", IdentityField.AccessKeyId),
        ("invokedby", IdentityField.InvokedBy),
        ("identityprovider", IdentityField.IdentityProvider),
        ("userid", IdentityField.UserId),
        ("identitystorearn", IdentityField.IdentityStoreArn),
        ("onbehalfof", IdentityField.OnBehalfOf),
        ("sessioncontext", IdentityField.SessionContext));

    internal enum IdentityField
    {
        None,
        Type,
        Arn,
        PrincipalId,
        AccountId,
        UserName,
        AccessKeyId,
        InvokedBy,
        IdentityProvider,
        UserId,
        IdentityStoreArn,
        OnBehalfOf,
        SessionContext,
    }

    public static void Read(ref Utf8JsonReader reader, UserIdentity id, StringPool pool)
    {
        Span<byte> nameBuffer = stackalloc byte[64];
        while (JsonFields.Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = IdentityFields.Find(JsonFields.Name(in reader, nameBuffer));
            JsonFields.Next(ref reader);
            switch (field)
            {
                case IdentityField.Type:
                    id.Type = JsonFields.String(ref reader, pool);
                    break;
                case IdentityField.Arn:
                    id.Arn = JsonFields.String(ref reader, pool);
                    break;
                case IdentityField.PrincipalId:
                    id.PrincipalId = JsonFields.String(ref reader, pool);
                    break;
                case IdentityField.AccountId:
                    id.AccountId = JsonFields.String(ref reader, pool);
                    break;
                case IdentityField.UserName:
                    id.UserName = JsonFields.String(ref reader, pool);
                    break;
                case IdentityField.AccessKeyId:
                    // Only its kind matters (AKIA = a long-term key, which cannot carry MFA): no string for a per-session id.
                    id.LongTermAccessKey = reader.TokenType == JsonTokenType.String && reader.ValueSpan.StartsWith("AKIA"u8);
                    break;
                case IdentityField.InvokedBy:
                    id.InvokedBy = JsonFields.String(ref reader, pool);
                    break;
                case IdentityField.IdentityProvider:
                    id.IdentityProvider = JsonFields.String(ref reader, pool);
                    break;
                case IdentityField.UserId:
                    id.UserId = JsonFields.String(ref reader, pool);
                    break;
                case IdentityField.IdentityStoreArn:
                    id.IdentityStoreArn = JsonFields.String(ref reader, pool);
                    break;
                case IdentityField.OnBehalfOf:
                    ReadOnBehalfOf(ref reader, id, pool);
                    break;
                case IdentityField.SessionContext:
                    ReadSessionContext(ref reader, id, pool);
                    break;
            }

            // An object where a string belongs, or an unknown key's value: stepped over whole.
            JsonFields.SkipValue(ref reader);
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
