namespace IamUeba.Core.Features;

/// <summary>
/// The arrays principals' timelines are unpacked and sorted in, one principal after another: grown
/// to the largest principal once instead of allocated for each.
/// </summary>
public sealed class TimelineBuffer
{
    private long[] _entries = [];
    private long[] _scratch = [];

    public long[] Entries(int count) => Fit(ref _entries, count);

    public long[] Scratch(int count) => Fit(ref _scratch, count);

    private static long[] Fit(ref long[] array, int count)
    {
        if (array.Length < count)
        {
            array = new long[Math.Max(count, array.Length * 2)];
        }

        return array;
    }
}
