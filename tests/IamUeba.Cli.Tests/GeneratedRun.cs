using IamUeba.Cli.Generate;
using IamUeba.Core;
using IamUeba.Core.Report;

namespace IamUeba.Cli.Tests;

/// <summary>Generates into a temporary folder and reads the result back through IamUeba.Core's pipeline.</summary>
internal sealed class GeneratedRun : IDisposable
{
    private GeneratedRun(string folder, GenerateSettings settings, GenerateResult result)
    {
        Folder = folder;
        Settings = settings;
        Result = result;
    }

    public string Folder { get; }
    public GenerateSettings Settings { get; }
    public GenerateResult Result { get; }

    public static GeneratedRun Create(GenerateSettings settings, string fileName = "trail.json")
    {
        var folder = Path.Combine(Path.GetTempPath(), "iamueba-gen-" + Path.GetRandomFileName());
        Directory.CreateDirectory(folder);
        settings = settings with { Out = settings.SplitHourly ? Path.Combine(folder, "trail") : Path.Combine(folder, fileName) };
        var result = Generator.RunAsync(settings, null, CancellationToken.None).GetAwaiter().GetResult();
        return new GeneratedRun(folder, settings, result);
    }

    public IReadOnlyList<string> Files => Settings.SplitHourly
        ? [.. Directory.EnumerateFiles(Settings.Out!, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
        : [Settings.Out!];

    public DetectionReport Analyze(DetectionOptions? options = null)
    {
        var streams = Files.Select(f => (Path.GetFileName(f), (Stream)File.OpenRead(f))).ToList();
        try
        {
            return new DetectionPipeline(options ?? new DetectionOptions()).AnalyzeAsync(streams, null, CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            foreach (var (_, s) in streams)
            {
                s.Dispose();
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
