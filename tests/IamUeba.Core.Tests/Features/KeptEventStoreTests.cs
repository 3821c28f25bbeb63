using System.Runtime.CompilerServices;
using IamUeba.Core.Features;

namespace IamUeba.Core.Tests.Features;

public sealed class KeptEventStoreTests
{
    [Fact]
    public void Every_index_a_timeline_can_name_reads_back_as_written()
    {
        // Each slot a different event, so that two indexes sharing a slot (a chunk's start or size
        // off by one) show as one event read where another was written.
        var store = new KeptEventStore();
        for (var i = 0; i <= Timeline.MaxDetailIndex; i++)
        {
            store.Slot(i) = Event(i);
        }

        for (var i = 0; i <= Timeline.MaxDetailIndex; i++)
        {
            var kept = store[i];
            if (kept != Event(i))
            {
                Assert.Fail($"index {i} reads {kept}");
            }
        }
    }

    [Fact]
    public void A_slot_written_again_before_it_is_counted_holds_the_second_event()
    {
        // A candidate waits in the next free slot and is overwritten when it is not kept.
        var store = new KeptEventStore();
        store.Slot(0) = Event(0);
        store.Slot(1) = Event(1);
        store.Slot(1) = Event(2);

        store[0].Should().Be(Event(0));
        store[1].Should().Be(Event(2));
    }

    [Fact]
    public void Chunks_tile_the_indexes_without_gaps_and_stay_under_the_large_object_heap()
    {
        var next = 0;
        for (var chunk = 0; next <= Timeline.MaxDetailIndex; chunk++)
        {
            KeptEventStore.StartOf(chunk).Should().Be(next, $"chunk {chunk} starts where the one before ends");
            KeptEventStore.ChunkOf(next).Should().Be(chunk);
            KeptEventStore.ChunkOf(next + KeptEventStore.SizeOf(chunk) - 1).Should().Be(chunk);
            (KeptEventStore.SizeOf(chunk) * Unsafe.SizeOf<KeptEvent>()).Should().BeLessThan(85_000);
            next += KeptEventStore.SizeOf(chunk);
        }
    }

    [Fact]
    public void Keeping_events_allocates_about_what_they_take_not_a_copy_at_each_growth()
    {
        // A principal keeping 3,000 events (144 KB of them): an array grown by half and copied
        // allocated about three times that.
        var store = new KeptEventStore();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3_000; i++)
        {
            store.Slot(i) = Event(i);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().BeLessThan(3_000 * Unsafe.SizeOf<KeptEvent>() * 3 / 2);
        store[2_999].Should().Be(Event(2_999));
    }

    // One in five with an eventID that is not a UUID (its text's index), as an event has one or the other.
    private static KeptEvent Event(int i) => i % 5 == 0
        ? new(Guid.Empty, 1_700_000_000 + i, i + 1, i, i + 1, i % 17, i % 3)
        : new(new Guid(i, (short)(i >> 16), 7, 1, 2, 3, 4, 5, 6, 7, 8), 1_700_000_000 + i, 0, i, i + 1, i % 17, i % 3);
}
