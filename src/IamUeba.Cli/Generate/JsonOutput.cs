using System.Text.Encodings.Web;
using System.Text.Json;

namespace IamUeba.Cli.Generate;

/// <summary>Writer settings shared by every record: compact, and without escaping '+' or '&lt;' the way AWS does not.</summary>
internal static class JsonOutput
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };
}
