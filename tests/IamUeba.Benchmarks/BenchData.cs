using System.IO.Compression;
using System.Text.Json;
using IamUeba.Cli.Generate;
using IamUeba.Core.CloudTrail;

namespace IamUeba.Benchmarks;

/// <summary>One data set the benchmarks read: its files and what they hold.</summary>
public sealed record Dataset(string Name, string Description, IReadOnlyList<string> Files, long Bytes, long GzipBytes, long Records);

/// <summary>
/// The data sets, prepared once by the host process (generated files are cached on disk) and
/// described in a manifest that the benchmark processes BenchmarkDotNet starts read back.
/// </summary>
public static class BenchData
{
    public const string GeneratedJsonl = "generated-jsonl";
    public const string GeneratedRecords = "generated-records";
    public const string Corpus = "corpus";

    private const string ManifestVariable = "IAMUEBA_BENCH_MANIFEST";
    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };
    private static Dictionary<string, Dataset>? _loaded;

    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable("IAMUEBA_BENCH_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "iamueba-bench");

    /// <summary>The data sets, as the host described them.</summary>
    public static IReadOnlyDictionary<string, Dataset> Sets
    {
        get
        {
            if (_loaded is null)
            {
                var path = Environment.GetEnvironmentVariable(ManifestVariable) ?? Path.Combine(CacheDirectory, "manifest.json");
                _loaded = JsonSerializer.Deserialize<Dictionary<string, Dataset>>(File.ReadAllText(path))
                    ?? throw new InvalidOperationException($"{path} holds no data sets.");
            }

            return _loaded;
        }
    }

    /// <summary>Generates (or finds in the cache) the data sets and writes the manifest the benchmark processes read.</summary>
    public static async Task PrepareAsync(DataOptions options, TextWriter log)
    {
        Directory.CreateDirectory(CacheDirectory);
        var sets = new Dictionary<string, Dataset>();
        if (options.DataFile is { } file)
        {
            sets[GeneratedJsonl] = Describe(GeneratedJsonl, $"{Path.GetFileName(file)} (given)", [Path.GetFullPath(file)]);
        }
        else
        {
            foreach (var (name, format) in new[] { (GeneratedJsonl, OutputFormat.Jsonl), (GeneratedRecords, OutputFormat.Records) })
            {
                var path = Path.Combine(CacheDirectory, $"{name}-{options.Principals}p-{options.Events}e-seed1.json");
                if (!File.Exists(path))
                {
                    log.WriteLine($"generating {path}");
                    var settings = new GenerateSettings { Principals = options.Principals, Events = options.Events, Format = format, Out = path + ".tmp" };
                    if (settings.Validate() is { Count: > 0 } errors)
                    {
                        throw new ArgumentException(string.Join(" ", errors));
                    }

                    await Generator.RunAsync(settings, null, CancellationToken.None).ConfigureAwait(false);
                    File.Move(path + ".tmp", path, overwrite: true);
                }

                var kind = format == OutputFormat.Jsonl ? "JSON Lines" : "{\"Records\":[...]}";
                sets[name] = Describe(name, $"generator, {options.Principals} principals, {options.Events} events, seed 1, {kind}", [path]);
            }
        }

        var corpusFiles = CorpusFiles(options.CorpusDirectory);
        if (corpusFiles.Count > 0)
        {
            sets[Corpus] = Describe(Corpus, $"{corpusFiles.Count} files under {options.CorpusDirectory}/*/records/, read in place", corpusFiles);
        }

        var manifest = Path.Combine(CacheDirectory, "manifest.json");
        await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(sets, ManifestJson)).ConfigureAwait(false);
        Environment.SetEnvironmentVariable(ManifestVariable, manifest);
        _loaded = sets;
        foreach (var set in sets.Values)
        {
            log.WriteLine($"{set.Name}: {set.Description}; {set.Bytes:N0} bytes of JSON ({set.Bytes / Math.Max(1, set.Records):N0} per record), {set.GzipBytes:N0} gzip, {set.Records:N0} records");
        }
    }

    /// <summary>The files of a data set as bytes in memory: plain JSON, or each file gzipped.</summary>
    public static List<(string Name, byte[] Bytes)> Load(string name, bool gzip) =>
        Sets[name].Files.Select(path => (Path.GetFileName(path), gzip ? Compress(File.ReadAllBytes(path)) : File.ReadAllBytes(path))).ToList();

    public static byte[] Compress(byte[] json)
    {
        using var output = new MemoryStream(json.Length / 8);
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Every readable file under a records/ folder of the corpus (panther's sit in records/rule_tests/
    /// and records/test_scenarios/); a file the reader refuses on purpose would be left out.
    /// </summary>
    private static List<string> CorpusFiles(string? root)
    {
        if (root is null || !Directory.Exists(root))
        {
            return [];
        }

        var readable = new List<string>();
        foreach (var path in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
                     .Where(p => p.Contains($"{Path.DirectorySeparatorChar}records{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            if (CountRecords(path) is not null)
            {
                readable.Add(path);
            }
        }

        return readable;
    }

    private static Dataset Describe(string name, string description, IReadOnlyList<string> files)
    {
        long bytes = 0, gzipBytes = 0, records = 0;
        foreach (var path in files)
        {
            var json = File.ReadAllBytes(path);
            bytes += json.Length;
            gzipBytes += Compress(json).Length;
            records += CountRecords(path) ?? 0;
        }

        return new Dataset(name, description, files, bytes, gzipBytes, records);
    }

    private static long? CountRecords(string path)
    {
        var reader = new CloudTrailReader(NullSink.Instance, new StringPool(), new SkipLog(), new ReaderLimits());
        try
        {
            using var stream = File.OpenRead(path);
            var part = reader.ReadAsync(stream, Path.GetFileName(path), CancellationToken.None).GetAwaiter().GetResult();
            return part.Records;
        }
        catch (CloudTrailFormatException)
        {
            return null;
        }
    }
}

/// <summary>What to benchmark on: a given file, or the generator's population of this size; and where the corpus is.</summary>
public sealed record DataOptions(string? DataFile, int Principals, long Events, string? CorpusDirectory);
