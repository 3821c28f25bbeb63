using System.Numerics;

namespace IamUeba.Core.Features;

/// <summary>
/// One principal's kept evidence events by index, in chunks that are never copied: 4, 4, 8, 16, 32,
/// 64 events, then 64 each (3 KB). An array grown by half and copied allocated about 3.5 times what
/// it kept (85 of aggregation's 213 bytes an event on the load population); the chunks allocate
/// what they hold plus the unused end of the last one, which chunks doubling up to 1,024 left at a
/// third of the evidence's memory at 10 GB (35.1 MB of arrays for 500,000 events of 48 bytes).
/// </summary>
internal struct KeptEventStore
{
    private const int FirstChunk = 4;
    private const int LargestChunk = 64;

    // Chunks 0-5 double (4, 4, 8 ... 64) and end at this index; every chunk after holds LargestChunk.
    private const int DoublingChunks = 6;
    private const int DoublingEnd = 2 * LargestChunk;

    private KeptEvent[][]? _chunks;

    /// <summary>
    /// The slot at <paramref name="index"/> to write, its chunk allocated if it is the first slot
    /// used there. Not zeroed: a slot is written before it is read.
    /// </summary>
    public ref KeptEvent Slot(int index)
    {
        var chunk = ChunkOf(index);
        _chunks ??= new KeptEvent[FirstChunk][];
        if (chunk >= _chunks.Length)
        {
            Array.Resize(ref _chunks, Math.Max(_chunks.Length * 2, chunk + 1));
        }

        var events = _chunks[chunk] ??= GC.AllocateUninitializedArray<KeptEvent>(SizeOf(chunk));
        return ref events[index - StartOf(chunk)];
    }

    /// <summary>The event at an index written before.</summary>
    public readonly ref readonly KeptEvent this[int index]
    {
        get
        {
            var chunk = ChunkOf(index);
            return ref _chunks![chunk][index - StartOf(chunk)];
        }
    }

    internal static int ChunkOf(int index) =>
        index < FirstChunk ? 0
        : index < DoublingEnd ? BitOperations.Log2((uint)index / FirstChunk) + 1
        : DoublingChunks + ((index - DoublingEnd) / LargestChunk);

    internal static int StartOf(int chunk) =>
        chunk == 0 ? 0
        : chunk < DoublingChunks ? FirstChunk << (chunk - 1)
        : DoublingEnd + ((chunk - DoublingChunks) * LargestChunk);

    internal static int SizeOf(int chunk) => chunk == 0 ? FirstChunk : chunk < DoublingChunks ? FirstChunk << (chunk - 1) : LargestChunk;
}
