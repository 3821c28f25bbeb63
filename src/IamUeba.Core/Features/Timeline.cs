namespace IamUeba.Core.Features;

/// <summary>
/// One 64-bit entry per event: time in seconds (34 bits, to year 2514), a region index (10 bits),
/// flags (7 bits) and an index into the principal's kept event details (13 bits, 0 = none).
/// Memory grows by 8 bytes per event, never with the bytes of the upload.
/// </summary>
public static class Timeline
{
    public const int MaxRegionIndex = (1 << RegionBits) - 1;
    public const int MaxDetailIndex = (1 << DetailBits) - 1;

    private const int DetailBits = 13;
    private const int FlagBits = 7;
    private const int RegionBits = 10;
    private const int FlagShift = DetailBits;
    private const int RegionShift = DetailBits + FlagBits;
    private const int TimeShift = DetailBits + FlagBits + RegionBits;

    public static long Pack(long unixSeconds, int region, EventFlags flags, int detail) =>
        (unixSeconds << TimeShift) | ((long)region << RegionShift) | ((long)flags << FlagShift) | (long)detail;

    public static long Time(long entry) => (long)((ulong)entry >> TimeShift);

    public static int Region(long entry) => (int)((entry >> RegionShift) & MaxRegionIndex);

    public static EventFlags Flags(long entry) => (EventFlags)((entry >> FlagShift) & ((1 << FlagBits) - 1));

    public static int Detail(long entry) => (int)(entry & MaxDetailIndex);

    public static bool Has(long entry, EventFlags flag) => (Flags(entry) & flag) != 0;

    /// <summary>Stable sort by time: events of the same second keep their input order.</summary>
    public static void SortByTime(Span<long> entries, TimelineBuffer? shared = null)
    {
        var sorted = true;
        for (var i = 1; i < entries.Length && sorted; i++)
        {
            sorted = Time(entries[i - 1]) <= Time(entries[i]);
        }

        if (sorted)
        {
            return;
        }

        MergeSort(entries, shared?.Scratch(entries.Length) ?? new long[entries.Length]);
    }

    private static void MergeSort(Span<long> items, Span<long> scratch)
    {
        if (items.Length < 2)
        {
            return;
        }

        var mid = items.Length / 2;
        MergeSort(items[..mid], scratch[..mid]);
        MergeSort(items[mid..], scratch[mid..]);
        if (Time(items[mid - 1]) <= Time(items[mid]))
        {
            return;
        }

        items.CopyTo(scratch);
        int left = 0, right = mid, at = 0;
        while (left < mid && right < items.Length)
        {
            items[at++] = Time(scratch[right]) < Time(scratch[left]) ? scratch[right++] : scratch[left++];
        }

        while (left < mid)
        {
            items[at++] = scratch[left++];
        }

        while (right < items.Length)
        {
            items[at++] = scratch[right++];
        }
    }
}
