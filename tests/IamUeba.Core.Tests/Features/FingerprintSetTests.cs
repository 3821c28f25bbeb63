using IamUeba.Core.Features;

namespace IamUeba.Core.Tests.Features;

public sealed class FingerprintSetTests
{
    [Fact]
    public void It_agrees_with_a_hash_set_across_many_splits_with_repeats_zero_and_near_values()
    {
        AgreesWithHashSet(new FingerprintSet(), 1_000_000, seed: 11);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void It_agrees_with_a_hash_set_once_buckets_are_chosen_by_16_bits_or_more_and_store_6_bytes(int splitAt)
    {
        // With a bucket split every few entries, 700,000 adds take the buckets through depth 16
        // (where entries lose the bits their bucket tells) and past it.
        var set = new FingerprintSet(splitAt, seed: 77);
        AgreesWithHashSet(set, 700_000, seed: 5);
        set.Level.Should().BeGreaterThanOrEqualTo(17);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(140_000)]
    public void Values_in_one_bucket_whose_stored_low_32_bits_agree_stay_apart(int filledFirst)
    {
        // Mixed values that differ only in their top bits: one bucket, the same low half, so only
        // the high bits a bucket stores (32 bits each before depth 16, 16 bits after) tell them apart.
        var set = new FingerprintSet(splitAt: 1, seed: 0);
        var random = new Random(9);
        for (var i = 0; i < filledFirst; i++)
        {
            set.Add((ulong)random.NextInt64());
        }

        var depth = set.Level;
        var crafted = Enumerable.Range(0, 2000).Select(k => Unmix(((ulong)k << 48) | 0x0000_1234_5678_9ABCUL)).ToArray();
        var before = set.Count;

        crafted.Where(set.Add).Should().HaveCount(2000, "each crafted value is new");
        crafted.Where(set.Add).Should().BeEmpty("each is in the set now");
        set.Count.Should().Be(before + 2000);
        (depth >= 16).Should().Be(filledFirst > 0, "the filled set's buckets are compact, the empty one's are not");
    }

    [Fact]
    public void It_holds_a_million_fingerprints_in_about_ten_bytes_each()
    {
        var set = Filled(1_000_000, seed: 3);

        // The open-addressing table of step 3 held 8 bytes a slot at 37-75% load: 11-21 bytes an entry.
        (set.Bytes / (double)set.Count).Should().BeInRange(8, 11.5);
    }

    [Fact]
    public void It_holds_five_million_fingerprints_in_under_eight_and_a_half_bytes_each()
    {
        // Past 64 entries a bucket times 2^16 buckets, every bucket stores 6 bytes an entry instead of 8.
        var set = Filled(5_000_000, seed: 4);

        set.Count.Should().Be(5_000_000);
        (set.Bytes / (double)set.Count).Should().BeInRange(6, 8.5);
    }

    // The value whose mix (murmur3's finaliser, with seed 0) is the given one.
    private static ulong Unmix(ulong mixed)
    {
        mixed ^= mixed >> 33;
        mixed *= Inverse(0xC4CEB9FE1A85EC53UL);
        mixed ^= mixed >> 33;
        mixed *= Inverse(0xFF51AFD7ED558CCDUL);
        return mixed ^ (mixed >> 33);
    }

    // The inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct bits each step).
    private static ulong Inverse(ulong odd)
    {
        var inverse = odd;
        for (var i = 0; i < 6; i++)
        {
            inverse *= 2 - (odd * inverse);
        }

        return inverse;
    }

    private static FingerprintSet Filled(int count, int seed)
    {
        var random = new Random(seed);
        var set = new FingerprintSet();
        while (set.Count < count)
        {
            set.Add((ulong)random.NextInt64());
        }

        return set;
    }

    private static void AgreesWithHashSet(FingerprintSet set, int adds, int seed)
    {
        var random = new Random(seed);
        var reference = new HashSet<ulong>();
        for (var i = 0; i < adds; i++)
        {
            // A quarter repeat an earlier value; values differing only in low or high bits, all bits
            // set, and zero occur too.
            var value = (i % 5) switch
            {
                0 when reference.Count > 0 => (ulong)random.Next(0, 2000),
                1 => (ulong)i << 40,
                2 => ((ulong)random.Next(0, 1 << 20) << 44) | 0xABCDEF,
                3 => ulong.MaxValue - (ulong)random.Next(0, 1000),
                _ => (ulong)random.NextInt64(),
            };

            var isNew = reference.Add(value);
            if (set.Add(value) != isNew)
            {
                Assert.Fail(isNew ? $"{value} (add {i}) was refused as seen before" : $"{value} (add {i}) was accepted again");
            }
        }

        set.Count.Should().Be(reference.Count);
        foreach (var value in reference)
        {
            if (set.Add(value))
            {
                Assert.Fail($"{value} was lost when the buckets split");
            }
        }
    }
}
