using IamUeba.Core.Features;

namespace IamUeba.Core.Tests.Features;

public sealed class SliceSetTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(50)]
    public void It_agrees_with_a_hash_set_whether_keys_come_in_order_or_not(int percentOutOfOrder)
    {
        // Slice keys of a time that mostly moves forward: sometimes it steps back (files out of
        // order), repeats a slice, or is zero and negative (times before 1970).
        var random = new Random(percentOutOfOrder + 1);
        var set = new SliceSet();
        var reference = new HashSet<ulong>();
        var slice = 0L;
        for (var i = 0; i < 300_000; i++)
        {
            slice += random.Next(100) < percentOutOfOrder ? -random.Next(0, 5_000) : random.Next(0, 3);
            var key = (ulong)((slice << 11) | (long)random.Next(0, 3));
            set.Add(key).Should().Be(reference.Add(key), $"key {key} at {i}");
        }
    }

    [Fact]
    public void A_key_below_the_largest_is_new_once_and_then_known()
    {
        var set = new SliceSet();
        set.Add(10).Should().BeTrue();
        set.Add(30).Should().BeTrue();
        set.Add(20).Should().BeTrue();
        set.Add(20).Should().BeFalse();
        set.Add(10).Should().BeFalse();
        set.Add(30).Should().BeFalse();
        set.Add(0).Should().BeTrue();
        set.Add(0).Should().BeFalse();
        set.Add(31).Should().BeTrue();
    }
}
