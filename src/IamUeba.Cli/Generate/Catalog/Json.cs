using System.Text.Encodings.Web;
using System.Text.Json;

namespace IamUeba.Cli.Generate.Catalog;

/// <summary>Small helpers for writing request and response JSON as text.</summary>
internal static class Json
{
    /// <summary>A JSON string literal, quotes included.</summary>
    public static string Q(string value) => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    /// <summary>A policy document as IAM records it in requestParameters: a JSON string holding JSON.</summary>
    public static string Policy(string actions, string resource, string effect = "Allow") =>
        Q($"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"{effect}\",\"Action\":{actions},\"Resource\":\"{resource}\"}}]}}");

    public static string TrustPolicy(string principalJson) =>
        Q($"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{principalJson},\"Action\":\"sts:AssumeRole\"}}]}}");

    public static string Resource(string type, string arn, string? account = null) =>
        account is null
            ? $"[{{\"type\":\"{type}\",\"ARN\":\"{arn}\"}}]"
            : $"[{{\"accountId\":\"{account}\",\"type\":\"{type}\",\"ARN\":\"{arn}\"}}]";

    /// <summary>An STS session token: long base64 text, as AWS writes it in responseElements.</summary>
    public static string SessionToken(Random rng)
    {
        Span<byte> bytes = stackalloc byte[300];
        rng.NextBytes(bytes);
        return "IQoJb3JpZ2luX2Vj" + Convert.ToBase64String(bytes);
    }

    public static string Credentials(Random rng, string accessKeyId, long expires) =>
        $"{{\"accessKeyId\":\"{accessKeyId}\",\"sessionToken\":\"{SessionToken(rng)}\",\"expiration\":\"{TimeText.Expiration(expires)}\"}}";

    /// <summary>The x-amz-id-2 S3 writes into additionalEventData.</summary>
    public static string AmzId2(Random rng)
    {
        Span<byte> bytes = stackalloc byte[57];
        rng.NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    public static string S3Additional(Random rng, long bytesOut, long bytesIn = 0) =>
        $"{{\"SignatureVersion\":\"SigV4\",\"CipherSuite\":\"TLS_AES_128_GCM_SHA256\",\"bytesTransferredIn\":{bytesIn},\"AuthenticationMethod\":\"AuthHeader\",\"x-amz-id-2\":\"{AmzId2(rng)}\",\"bytesTransferredOut\":{bytesOut}}}";
}
