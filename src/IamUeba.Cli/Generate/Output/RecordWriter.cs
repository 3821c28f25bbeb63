using System.Text.Json;

namespace IamUeba.Cli.Generate.Output;

/// <summary>Writes one record with AWS's field order (eventVersion first, tlsDetails near the end).</summary>
internal static class RecordWriter
{
    private const string Tls13Cipher = "TLS_AES_128_GCM_SHA256";
    private const string Tls12Cipher = "ECDHE-RSA-AES128-GCM-SHA256";

    public static void Write(Utf8JsonWriter w, TrailEvent e)
    {
        w.WriteStartObject();
        w.WriteString("eventVersion", e.EventVersion);
        w.WritePropertyName("userIdentity");
        w.WriteRawValue(e.Identity.Json, skipInputValidation: true);
        w.WriteString("eventTime", TimeText.Iso(e.Time));
        w.WriteString("eventSource", e.EventSource);
        w.WriteString("eventName", e.EventName);
        w.WriteString("awsRegion", e.Region);
        w.WriteString("sourceIPAddress", e.SourceIp);
        w.WriteString("userAgent", e.UserAgent);
        if (e.ErrorCode is not null)
        {
            w.WriteString("errorCode", e.ErrorCode);
        }

        if (e.ErrorMessage is not null)
        {
            w.WriteString("errorMessage", e.ErrorMessage);
        }

        Raw(w, "requestParameters", e.RequestParameters);
        Raw(w, "responseElements", e.ResponseElements);
        if (e.AdditionalEventData is not null)
        {
            Raw(w, "additionalEventData", e.AdditionalEventData);
        }

        if (e.RequestId is not null)
        {
            w.WriteString("requestID", e.RequestId);
        }

        w.WriteString("eventID", e.EventId);
        if (e.ReadOnly is { } readOnly)
        {
            w.WriteBoolean("readOnly", readOnly);
        }

        if (e.Resources is not null)
        {
            Raw(w, "resources", e.Resources);
        }

        w.WriteString("eventType", e.EventType);
        w.WriteBoolean("managementEvent", e.ManagementEvent);
        w.WriteString("recipientAccountId", e.RecipientAccountId);
        if (e.SharedEventId is not null)
        {
            w.WriteString("sharedEventID", e.SharedEventId);
        }

        w.WriteString("eventCategory", e.EventCategory);
        if (e.TlsHost is not null)
        {
            w.WriteStartObject("tlsDetails");
            w.WriteString("tlsVersion", e.Tls13 ? "TLSv1.3" : "TLSv1.2");
            w.WriteString("cipherSuite", e.Tls13 ? Tls13Cipher : Tls12Cipher);
            w.WriteString("clientProvidedHostHeader", e.TlsHost);
            w.WriteEndObject();
        }

        if (e.SessionCredentialFromConsole)
        {
            w.WriteString("sessionCredentialFromConsole", "true");
        }

        w.WriteEndObject();
    }

    private static void Raw(Utf8JsonWriter w, string name, string? json)
    {
        w.WritePropertyName(name);
        if (json is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(json);
        }
    }
}
