using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace IamUeba.Benchmarks;

/// <summary>
/// What a profile loop allocates, by type: the runtime reports a sample about every 100 KB
/// allocated (GC AllocationTick) naming the type of the allocation that crossed the mark, so each
/// type's share of the samples is about its share of the bytes. Turned on by IAMUEBA_PROFILE_ALLOCATIONS=1.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTick = 10;
    private const long GcKeyword = 0x1;

    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventId != AllocationTick || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        var type = e.Payload[e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    /// <summary>The types sampled most, with their share of the sampled bytes.</summary>
    public string Report(int top = 15)
    {
        var total = Math.Max(1, _bytes.Values.Sum());
        var text = new StringBuilder("allocations by type (sampled about every 100 KB):\n");
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(top))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {100.0 * bytes / total,5:F1}%  {type}\n");
        }

        return text.ToString();
    }
}
