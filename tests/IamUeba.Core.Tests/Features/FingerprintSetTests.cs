using IamUeba.Core.Features;

namespace IamUeba.Core.Tests.Features;

public sealed class FingerprintSetTests
{
    [Fact]
    public void It_agrees_with_a_hash_set_across_many_splits_with_repeats_zero_and_near_values()
    {
        var random = new Random(11);
        var set = new FingerprintSet();
        var reference = new HashSet<ulong>();
        for (var i = 0; i < 1_000_000; i++)
        {
            // A quarter repeat an earlier value; values differing only in low or high bits and zero occur too.
            var value = (i % 4) switch
            {
                0 when reference.Count > 0 => (ulong)random.Next(0, 2000),
                1 => (ulong)i << 40,
                2 => ((ulong)random.Next(0, 1 << 20) << 44) | 0xABCDEF,
                _ => (ulong)random.NextInt64(),
            };

            set.Add(value).Should().Be(reference.Add(value), $"value {value} at {i}");
        }

        set.Count.Should().Be(reference.Count);
        foreach (var value in reference)
        {
            set.Add(value).Should().BeFalse("every value added stays in the set after the buckets were split");
        }
    }

    [Fact]
    public void It_holds_a_million_fingerprints_in_about_ten_bytes_each()
    {
        var random = new Random(3);
        var set = new FingerprintSet();
        for (var i = 0; i < 1_000_000; i++)
        {
            set.Add((ulong)random.NextInt64());
        }

        // The open-addressing table it replaced held 8 bytes a slot at 37-75% load: 11-21 bytes an entry.
        (set.Bytes / (double)set.Count).Should().BeInRange(8, 11.5);
    }
}
