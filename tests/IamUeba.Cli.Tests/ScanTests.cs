using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IamUeba.Cli.Generate;
using IamUeba.Cli.Scan;
using IamUeba.Core;
using IamUeba.Core.Risk;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IamUeba.Cli.Tests;

/// <summary>iamueba scan: the same detection as POST /detect, on an S3-style tree on disk.</summary>
public sealed class ScanTests : IClassFixture<ScanTests.Tree>, IDisposable
{
    private readonly Tree _tree;
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "iamueba-scan-" + Path.GetRandomFileName());

    public ScanTests(Tree tree)
    {
        _tree = tree;
        Directory.CreateDirectory(_scratch);
    }

    [Fact]
    public async Task Scan_as_json_answers_exactly_what_post_detect_answers_for_the_same_files()
    {
        var (code, scanned, _) = await Scan(_tree.Run.Settings.Out!, "--format", "json");

        using var service = new WebApplicationFactory<IamUeba.Api.Hosting.ApiKeyFilter>();
        using var client = service.CreateClient();
        using var form = new MultipartFormDataContent();
        foreach (var file in _tree.Run.Files)
        {
            var part = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
            form.Add(part, "file", Path.GetFileName(file));
        }

        var posted = await (await client.PostAsync("/detect", form)).Content.ReadAsStringAsync();

        code.Should().Be(0);
        WithoutTiming(scanned).Should().Be(WithoutTiming(posted));
    }

    [Fact]
    public async Task Scan_reads_the_whole_tree_recursively_and_recognises_digest_files()
    {
        var (_, json, _) = await Scan(_tree.Run.Settings.Out!, "--format", "json");
        var answer = JsonNode.Parse(json)!;

        answer["total_events"]!.GetValue<long>().Should().Be(_tree.Run.Settings.Events);
        answer["files"]!.AsArray().Should().HaveCount(_tree.Run.Files.Count);
        answer["files"]!.AsArray().Count(f => f!["shape"]!.GetValue<string>() == "digest").Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_glob_selects_files_across_folders()
    {
        var region = Directory.EnumerateDirectories(Path.Combine(_tree.Run.Settings.Out!, "AWSLogs"), "*", SearchOption.AllDirectories).First(d => Path.GetFileName(Path.GetDirectoryName(d)) == "CloudTrail");
        var pattern = Path.Combine(region, "**", "*.json.gz");
        var expected = Directory.EnumerateFiles(region, "*.json.gz", SearchOption.AllDirectories).Count();

        var (code, json, _) = await Scan(pattern, "--format", "json");

        code.Should().Be(0);
        JsonNode.Parse(json)!["files"]!.AsArray().Should().HaveCount(expected);
    }

    [Fact]
    public async Task The_table_lists_principals_by_risk_with_their_reasons()
    {
        var (code, table, _) = await Scan(_tree.Run.Settings.Out!, "--min-level", "HIGH");

        code.Should().Be(0);
        table.Should().Contain("LEVEL").And.Contain("PRINCIPAL").And.Contain("REASONS").And.Contain("ML ran on");
        var attacker = _tree.Run.Result.Labels.First(l => l.Scenario == "brute-force-console-sign-in");
        table.Should().Contain(attacker.Principal);
    }

    [Fact]
    public async Task Fail_on_exits_3_when_a_principal_reaches_the_level_and_0_when_none_does()
    {
        var (high, _, _) = await Scan(_tree.Run.Settings.Out!, "--fail-on", "HIGH");
        var sample = Path.Combine(_scratch, "quiet.json");
        await File.WriteAllTextAsync(sample, """{"Records":[{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"},"eventTime":"2024-01-15T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"us-west-2","sourceIPAddress":"198.51.100.23","eventID":"00000000-0000-4000-8000-000000000001"}]}""");
        var (quiet, _, _) = await Scan(sample, "--fail-on", "HIGH");

        high.Should().Be(ExitCodes.FailOn);
        quiet.Should().Be(ExitCodes.Ok);
    }

    [Fact]
    public async Task A_broken_file_is_reported_with_its_line_and_column_and_the_scan_goes_on()
    {
        var folder = Path.Combine(_scratch, "mixed");
        Directory.CreateDirectory(folder);
        File.Copy(_tree.Run.Files.First(f => !f.Contains("Digest", StringComparison.Ordinal)), Path.Combine(folder, "good.json.gz"));
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), "{\"Records\":[\n{\"eventName\":\"A\"\n\"eventTime\":\"2024-01-15T10:00:00Z\"}]}");

        var (code, table, errors) = await Scan(folder);
        var (strictCode, _, _) = await Scan(folder, "--strict");

        code.Should().Be(ExitCodes.Ok);
        errors.Should().Contain("broken.json").And.Contain("line 3, column 1");
        table.Should().Contain("unreadable files 1");
        strictCode.Should().Be(ExitCodes.Error);
    }

    [Fact]
    public async Task A_lone_file_broken_part_way_is_analysed_with_the_events_before_the_fault()
    {
        // The sample as JSON Lines, its sixth event broken: five events are read, and analysed.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "IamUeba.sln")))
        {
            root = root.Parent!;
        }

        var sample = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root.FullName, "samples", "sample_cloudtrail.json")))!["Records"]!.AsArray();
        var lines = sample.Select(e => e!.ToJsonString()).ToList();
        lines[5] = lines[5].Replace("\"eventVersion\":", "\"eventVersion\":f", StringComparison.Ordinal);
        var file = Path.Combine(_scratch, "cut.jsonl");
        await File.WriteAllLinesAsync(file, lines);

        var (code, json, errors) = await Scan(file, "--format", "json");

        errors.Should().Contain("cut.jsonl").And.Contain("line 6").And.NotContain("nothing to analyse");
        code.Should().Be(ExitCodes.Ok);
        var answer = JsonNode.Parse(json)!;
        answer["total_events"]!.GetValue<long>().Should().Be(5);
        answer["files"]![0]!["events"]!.GetValue<long>().Should().Be(5);
    }

    [Fact]
    public async Task A_missing_path_is_reported_and_strict_stops_on_it()
    {
        var (code, _, errors) = await Scan(Path.Combine(_scratch, "nowhere"), "--strict");

        code.Should().Be(ExitCodes.Error);
        errors.Should().Contain("no such file or folder");
    }

    [Fact]
    public async Task A_settings_file_changes_the_thresholds_without_a_rebuild()
    {
        var settings = Path.Combine(_scratch, "settings.json");
        await File.WriteAllTextAsync(settings, """{"IamUeba":{"Rules":{"R06":{"Enabled":false}}}}""");

        var (_, json, _) = await Scan(_tree.Run.Settings.Out!, "--format", "json", "--settings", settings);

        JsonNode.Parse(json)!["results"]!.AsArray().SelectMany(r => r!["triggered_rules"]!.AsArray()).Select(r => r!.GetValue<string>()).Should().NotContain("R06_CONSEC_FAIL");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static async Task<(int Code, string Output, string Errors)> Scan(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var command = ScanCommand.Create();
        var parsed = command.Parse(args);
        parsed.Errors.Should().BeEmpty();
        var options = new ScanOptions(
            parsed.GetValue<string[]>("paths")!,
            parsed.GetValue<string>("--format") == "json",
            parsed.GetValue<RiskLevel?>("--fail-on"),
            parsed.GetValue<bool>("--strict"),
            new AnalysisRequest { MinLevel = parsed.GetValue<RiskLevel?>("--min-level") },
            parsed.GetValue<FileInfo?>("--settings"));
        var code = await Scanner.RunAsync(options, output, errors, CancellationToken.None);
        return (code, output.ToString(), errors.ToString());
    }

    private static string WithoutTiming(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("duration_ms");
        return node.ToJsonString();
    }

    /// <summary>A small S3-style tree: gzip files per hour and region, digests beside them.</summary>
    public sealed class Tree : IDisposable
    {
        internal GeneratedRun Run { get; } = GeneratedRun.Create(new GenerateSettings { Principals = 40, Events = 8_000, Days = 2, Attackers = 2, Gzip = true, SplitHourly = true, Seed = 3 });

        public void Dispose() => Run.Dispose();
    }
}
