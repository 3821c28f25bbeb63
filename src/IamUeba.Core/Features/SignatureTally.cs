namespace IamUeba.Core.Features;

/// <summary>How often a principal matched one event signature, with the first few matches as evidence.</summary>
public sealed class SignatureTally
{
    public const int MaxExamples = 5;

    public int Count { get; private set; }

    public List<EventDetail> Examples { get; } = [];

    public void Add(Func<EventDetail> detail)
    {
        Count++;
        if (Examples.Count < MaxExamples)
        {
            Examples.Add(detail());
        }
    }
}
