using IamUeba.Core.Features;

namespace IamUeba.Core.Tests.Features;

public sealed class LongSetTests
{
    [Fact]
    public void It_agrees_with_a_hash_set_on_a_million_values_with_repeats_and_zero()
    {
        var random = new Random(7);
        var set = new LongSet();
        var reference = new HashSet<ulong>();
        for (var i = 0; i < 1_000_000; i++)
        {
            // A quarter repeat an earlier value; slice-like small keys and zero occur too.
            var value = (i % 4) switch
            {
                0 when reference.Count > 0 => (ulong)random.Next(0, 1000),
                1 => (ulong)random.NextInt64() << 1,
                2 => (ulong)i << 11,
                _ => (ulong)random.NextInt64(),
            };

            set.Add(value).Should().Be(reference.Add(value), $"value {value} at {i}");
        }

        set.Count.Should().Be(reference.Count);
    }
}
