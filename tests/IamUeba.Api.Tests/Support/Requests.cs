using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Api.Tests.Support;

/// <summary>Builds requests the way curl sends them.</summary>
public static class Requests
{
    /// <summary>curl -F file=@name for each file.</summary>
    public static MultipartFormDataContent Multipart(params (string FileName, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", fileName);
        }

        return form;
    }

    public static MultipartFormDataContent Sample(string name) => Multipart((name, File.ReadAllBytes(TestPaths.Sample(name))));

    /// <summary>curl --data-binary @file -H 'Content-Type: type'.</summary>
    public static ByteArrayContent Raw(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    public static byte[] Gzip(byte[] bytes, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    public static async Task<JsonObject> Json(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static JsonObject Principal(this JsonObject answer, string name) =>
        answer["results"]!.AsArray().Select(r => r!.AsObject()).Single(r => r["user_arn"]!.GetValue<string>().EndsWith("/" + name, StringComparison.Ordinal));

    public static IEnumerable<string> Strings(this JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());

    /// <summary>The answer without its timing field, for comparing runs.</summary>
    public static string WithoutTiming(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("duration_ms");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
