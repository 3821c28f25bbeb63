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

    [Fact]
    public void A_detail_set_after_its_entry_was_appended_is_read_back_with_it()
    {
        // Every third entry is appended with room for a detail that is set just before the next
        // entry (one in four keeps 0, as a candidate that is not kept), across chunk boundaries.
        var random = new Random(11);
        var timeline = new CompactTimeline();
        var expected = new List<long>();
        var time = 1_709_510_400L;
        for (var i = 0; i < 50_000; i++)
        {
            time += random.Next(-5, 600);
            var region = random.Next(3) == 0 ? random.Next(0, Timeline.MaxRegionIndex + 1) : 2;
            var flags = (EventFlags)random.Next(0, 128);
            var detail = random.Next(2) == 0 ? 0 : random.Next(1, Timeline.MaxDetailIndex + 1);
            if (i % 3 == 0)
            {
                timeline.AppendWithDetailSlot(Timeline.Pack(time, region, flags, 0));
                timeline.LastTime.Should().Be(time);
                if (detail != 0 || random.Next(2) == 0)
                {
                    timeline.SetLastDetail(detail);
                }
            }
            else
            {
                timeline.Append(Timeline.Pack(time, region, flags, detail));
            }

            expected.Add(Timeline.Pack(time, region, flags, detail));
        }

        timeline.Decode().Should().Equal(expected);
        timeline.Invoking(t => t.SetLastDetail(1)).Should().Throw<InvalidOperationException>("the last entry was appended without room for a detail");
    }
}
