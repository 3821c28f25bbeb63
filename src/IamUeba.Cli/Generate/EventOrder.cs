namespace IamUeba.Cli.Generate;

/// <summary>Time order with a deterministic tie-break; lookup-events output is the reverse.</summary>
internal sealed class EventOrder(bool newestFirst) : IComparer<TrailEvent>
{
    public static readonly EventOrder Ascending = new(false);
    public static readonly EventOrder Descending = new(true);

    public int Compare(TrailEvent? x, TrailEvent? y)
    {
        var c = x!.Time.CompareTo(y!.Time);
        if (c == 0)
        {
            c = x.Sequence.CompareTo(y.Sequence);
        }

        return newestFirst ? -c : c;
    }
}
