using IamUeba.Cli.Generate;

namespace IamUeba.Cli.Tests;

public sealed class DeterminismTests
{
    private static readonly GenerateSettings Small = new() { Principals = 40, Events = 4_000, Days = 2, Attackers = 3 };

    [Fact]
    public void The_same_options_and_seed_give_the_same_bytes()
    {
        using var first = GeneratedRun.Create(Small);
        using var second = GeneratedRun.Create(Small);

        File.ReadAllBytes(first.Files[0]).Should().Equal(File.ReadAllBytes(second.Files[0]));
    }

    [Fact]
    public void Lookup_output_walking_the_hours_backwards_is_as_deterministic()
    {
        using var first = GeneratedRun.Create(Small with { Format = OutputFormat.Lookup, Gzip = true });
        using var second = GeneratedRun.Create(Small with { Format = OutputFormat.Lookup, Gzip = true });

        File.ReadAllBytes(first.Files[0]).Should().Equal(File.ReadAllBytes(second.Files[0]));
    }

    [Fact]
    public void Another_seed_gives_another_population()
    {
        using var first = GeneratedRun.Create(Small);
        using var other = GeneratedRun.Create(Small with { Seed = 2 });

        File.ReadAllBytes(first.Files[0]).Should().NotEqual(File.ReadAllBytes(other.Files[0]));
        other.Result.Model.Account.Should().NotBe(first.Result.Model.Account);
    }

    [Fact]
    public void The_split_hourly_tree_is_the_same_file_for_file()
    {
        var split = Small with { SplitHourly = true, Gzip = true };
        using var first = GeneratedRun.Create(split);
        using var second = GeneratedRun.Create(split);

        var a = first.Files.Select(f => Path.GetRelativePath(first.Settings.Out!, f)).ToList();
        var b = second.Files.Select(f => Path.GetRelativePath(second.Settings.Out!, f)).ToList();
        a.Should().Equal(b);
        for (var i = 0; i < a.Count; i++)
        {
            File.ReadAllBytes(first.Files[i]).Should().Equal(File.ReadAllBytes(second.Files[i]), a[i]);
        }
    }
}
