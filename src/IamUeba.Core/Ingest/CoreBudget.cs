namespace IamUeba.Core.Ingest;

/// <summary>
/// Worker threads for all analyses of the process together: one per processor. When several uploads
/// run at once the cores are busy anyway, so a part that finds none free is read on its request's
/// thread alone (and asks again as it goes on); more threads would only add switching and memory.
/// </summary>
internal static class CoreBudget
{
    private static int _free = Environment.ProcessorCount;

    /// <summary>Up to <paramref name="wanted"/> workers, or 0 when every core already has one.</summary>
    public static int Take(int wanted)
    {
        while (true)
        {
            var free = Volatile.Read(ref _free);
            var taken = Math.Min(free, wanted);
            if (taken <= 0)
            {
                return 0;
            }

            if (Interlocked.CompareExchange(ref _free, free - taken, free) == free)
            {
                return taken;
            }
        }
    }

    public static void Give(int count) => Interlocked.Add(ref _free, count);
}
