using System.Text;
using IamUeba.Core.CloudTrail;

namespace IamUeba.Core.Tests.CloudTrail;

public sealed class StringPoolTests
{
    [Fact]
    public void Values_alike_at_both_ends_and_in_length_are_each_given_back_as_written_and_interned()
    {
        // User agents that differ only in a version number in the middle share their recent-value slot.
        var agents = Enumerable.Range(0, 50).Select(i => $"aws-cli/2.13.{i % 10}{i / 10} Python/3.11.4 Linux/5.10 exe/x86_64.amzn.2").ToList();
        var pool = new StringPool();
        var firstSeen = new Dictionary<string, string>();
        var random = new Random(9);
        for (var round = 0; round < 2000; round++)
        {
            var agent = agents[random.Next(agents.Count)];
            var got = pool.Get(Encoding.UTF8.GetBytes(agent));

            got.Should().Be(agent);
            if (firstSeen.TryGetValue(agent, out var earlier))
            {
                got.Should().BeSameAs(earlier, "a repeated value is the same interned string");
            }
            else
            {
                firstSeen[agent] = got;
            }
        }
    }

    [Theory]
    [InlineData("a", "b")]
    [InlineData("us-east-1", "us-west-1")]
    [InlineData("10.0.1.23", "10.0.2.23")]
    [InlineData("", "x")]
    public void Short_values_are_told_apart(string one, string other)
    {
        var pool = new StringPool();
        for (var i = 0; i < 3; i++)
        {
            pool.Get(Encoding.UTF8.GetBytes(one)).Should().Be(one);
            pool.Get(Encoding.UTF8.GetBytes(other)).Should().Be(other);
        }
    }

    [Fact]
    public void A_value_longer_than_the_maximum_is_cut_and_counted_every_time_it_is_read()
    {
        var pool = new StringPool(maxLength: 8);
        for (var i = 0; i < 3; i++)
        {
            pool.Get("abcdefghijkl"u8).Should().Be("abcdefgh");
        }

        pool.TruncatedValues.Should().Be(3);
        pool.Get("abcdefgh"u8).Should().Be("abcdefgh");
        pool.TruncatedValues.Should().Be(3);
    }
}
