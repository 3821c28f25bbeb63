using IamUeba.Core.Features;

namespace IamUeba.Core.Tests.Features;

public sealed class DistinctCounterTests
{
    [Fact]
    public void Below_the_cap_the_count_is_exact()
    {
        var counter = new DistinctCounter(cap: 100);
        for (var i = 0; i < 250; i++)
        {
            counter.Add($"198.51.100.{i % 50}");
        }

        counter.Count.Should().Be(50);
        counter.IsApproximate.Should().BeFalse();
    }

    [Fact]
    public void A_botnet_of_addresses_is_counted_approximately_within_a_few_percent_in_bounded_memory()
    {
        var counter = new DistinctCounter(cap: 1000);
        for (var i = 0; i < 50_000; i++)
        {
            counter.Add($"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}");
        }

        counter.IsApproximate.Should().BeTrue();
        counter.Count.Should().BeInRange(47_500, 52_500);
        counter.Values.Should().HaveCount(1000, "only the cap is kept as strings");
    }

    [Fact]
    public void Merging_two_counters_counts_the_union()
    {
        var a = new DistinctCounter(cap: 10);
        var b = new DistinctCounter(cap: 10);
        foreach (var ip in new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3" })
        {
            a.Add(ip);
        }

        foreach (var ip in new[] { "192.0.2.3", "192.0.2.4" })
        {
            b.Add(ip);
        }

        a.Merge(b);

        a.Count.Should().Be(4);
    }

    [Fact]
    public void A_value_repeated_from_one_event_to_the_next_counts_once_whether_the_same_string_or_an_equal_one()
    {
        var counter = new DistinctCounter(cap: 3);
        var agent = "aws-cli/2.13.5 Python/3.11.4";

        counter.Add(agent).Should().BeTrue();
        counter.Add(agent).Should().BeFalse();
        counter.Add(new string(agent.AsSpan())).Should().BeFalse("an equal string from another pool is the same value");
        counter.Add("10.0.0.1").Should().BeTrue();
        counter.Add(agent).Should().BeFalse();
        counter.Count.Should().Be(2);

        // Past the cap the count is approximate, and repeats still count once.
        foreach (var value in new[] { "a", "b", "b", "c", "c", "c" })
        {
            counter.Add(value);
        }

        counter.IsApproximate.Should().BeTrue();
        counter.Count.Should().Be(5);
    }

    [Fact]
    public void Thousands_of_user_agents_each_seen_again_later_are_new_only_the_first_time()
    {
        var counter = new DistinctCounter(cap: 20_000);
        var agents = Enumerable.Range(0, 12_000).Select(i => $"aws-sdk-java/1.12.{i} Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.{i % 7}").ToList();

        agents.Count(a => counter.Add(a)).Should().Be(12_000);
        agents.Count(a => counter.Add(new string(a.AsSpan()))).Should().Be(0, "an equal string from another pool is the same value");
        agents.Count(a => counter.Add(a)).Should().Be(0);

        counter.Count.Should().Be(12_000);
        counter.IsApproximate.Should().BeFalse();
        counter.Values.ToHashSet().SetEquals(agents).Should().BeTrue();
    }
}
