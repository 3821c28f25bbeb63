namespace IamUeba.Core.Features;

/// <summary>How often a principal matched one event signature, with the first few matches as evidence.</summary>
public sealed class SignatureTally(int examplesKept = SignatureTally.MaxExamples)
{
    public const int MaxExamples = 5;

    public int Count { get; private set; }

    public List<EventDetail> Examples { get; } = [];

    /// <summary>When each match happened (seconds, file order): windowed signatures count matches close in time.</summary>
    public List<long> Times { get; } = [];

    public bool WantsExample => Examples.Count < examplesKept;

    /// <summary>Counts a match at a time; its event is kept while <see cref="WantsExample"/>.</summary>
    public void Add(long time, EventDetail? example)
    {
        Count++;
        Times.Add(time);
        if (example is not null && WantsExample)
        {
            Examples.Add(example);
        }
    }
}
