using IamUeba.Core.Features;

namespace IamUeba.Core.Tests.Features;

public sealed class CompactTimelineTests
{
    [Fact]
    public void It_gives_back_every_entry_in_append_order_even_out_of_time_order_and_at_the_field_limits()
    {
        var random = new Random(5);
        var entries = new List<long>
        {
            // The extremes each field can hold, then time running backwards by years.
            Timeline.Pack(0, 0, 0, 0),
            Timeline.Pack((1L << 34) - 1, Timeline.MaxRegionIndex, (EventFlags)0x7F, Timeline.MaxDetailIndex),
            Timeline.Pack(1_700_000_000, 1, EventFlags.Failed, 0),
            Timeline.Pack(1_600_000_000, 1, EventFlags.Failed, 1),
        };
        var time = 1_709_510_400L;
        for (var i = 0; i < 200_000; i++)
        {
            // Mostly seconds apart and in order, as CloudTrail files are; sometimes back in time, sometimes days ahead.
            time += random.Next(10) switch
            {
                0 => -random.Next(0, 86_400),
                1 => random.Next(0, 864_000),
                _ => random.Next(0, 30),
            };
            var region = random.Next(4) == 0 ? random.Next(0, 30) : 3;
            var detail = random.Next(2) == 0 ? 0 : random.Next(1, Timeline.MaxDetailIndex + 1);
            entries.Add(Timeline.Pack(time, region, (EventFlags)random.Next(0, 128), detail));
        }

        var timeline = new CompactTimeline();
        foreach (var entry in entries)
        {
            timeline.Append(entry);
        }

        timeline.Count.Should().Be(entries.Count);
        timeline.Decode().Should().Equal(entries);
        (timeline.Bytes / (double)timeline.Count).Should().BeLessThan(5, "the packed form takes 8 bytes an entry");
    }

    [Fact]
    public void An_empty_timeline_decodes_to_no_entries()
    {
        new CompactTimeline().Decode().Should().BeEmpty();
    }
}
