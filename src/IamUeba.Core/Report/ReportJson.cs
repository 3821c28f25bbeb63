using System.Text.Json;
using System.Text.Json.Serialization;

namespace IamUeba.Core.Report;

/// <summary>The one way answers are written: snake_case, as the prototype's users expect.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
