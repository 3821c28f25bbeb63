using System.Text.Json;
using IamUeba.Core;

namespace IamUeba.Cli.Scan;

/// <summary>Reads the "IamUeba" section of a settings file shaped like the service's appsettings.json.</summary>
internal static class SettingsFile
{
    // Populate keeps the defaults of every setting the file does not name, as the service's configuration binder does.
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        PreferredObjectCreationHandling = System.Text.Json.Serialization.JsonObjectCreationHandling.Populate,
    };

    public static DetectionOptions Load(FileInfo? file)
    {
        if (file is null)
        {
            return new DetectionOptions();
        }

        using var document = JsonDocument.Parse(File.ReadAllText(file.FullName), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty(DetectionOptions.SectionName, out var section)
            ? section.Deserialize<DetectionOptions>(Options) ?? new DetectionOptions()
            : throw new InvalidDataException($"{file.FullName} has no \"{DetectionOptions.SectionName}\" section.");
    }
}
