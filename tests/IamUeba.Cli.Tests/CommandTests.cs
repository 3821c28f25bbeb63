using System.CommandLine;
using IamUeba.Cli.Generate;

namespace IamUeba.Cli.Tests;

public sealed class CommandTests
{
    [Fact]
    public async Task The_command_line_writes_the_file_and_the_labels()
    {
        var folder = Path.Combine(Path.GetTempPath(), "iamueba-cmd-" + Path.GetRandomFileName());
        try
        {
            var root = new RootCommand { GenerateCommand.Create() };
            var output = Path.Combine(folder, "out.jsonl");
            var labels = Path.Combine(folder, "labels.json");

            var code = await root.Parse(["generate", "--principals", "30", "--events", "2000", "--days", "2", "--attackers", "2", "--format", "jsonl", "--out", output, "--labels", labels]).InvokeAsync();

            code.Should().Be(0);
            File.ReadLines(output).Should().HaveCount(2000);
            File.ReadAllText(labels).Should().Contain("\"attackers\"");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Impossible_combinations_are_refused()
    {
        new GenerateSettings { SplitHourly = true }.Validate().Should().ContainSingle(e => e.Contains("--out", StringComparison.Ordinal));
        new GenerateSettings { Principals = 200, Events = 100 }.Validate().Should().ContainSingle(e => e.Contains("--events", StringComparison.Ordinal));
        new GenerateSettings { Format = OutputFormat.Lookup, SplitHourly = true, Out = "x" }.Validate().Should().ContainSingle();
    }
}
