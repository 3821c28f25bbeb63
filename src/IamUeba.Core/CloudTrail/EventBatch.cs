namespace IamUeba.Core.CloudTrail;

/// <summary>
/// A run of consecutive events of one part, copied out of the reader's buffer as whole JSON objects
/// (and the skips between them, so that everything is applied in file order).
/// </summary>
internal sealed class EventBatch
{
    /// <summary>About a quarter of a megabyte: enough events to make a hand-over cheap, few enough to keep memory flat.</summary>
    public const int DefaultTargetBytes = 256 * 1024;

    /// <summary>Items per batch at most, whatever their size.</summary>
    public const int MaxItems = 8192;

    private byte[] _json = new byte[DefaultTargetBytes];

    public PartReport Report { get; private set; } = null!;

    public long Sequence { get; private set; }

    public int JsonLength { get; private set; }

    /// <summary>Bytes the batch can hold before it grows.</summary>
    public int Capacity => _json.Length;

    public List<BatchItem> Items { get; } = [];

    public ReadOnlySpan<byte> Json(in BatchItem item) => _json.AsSpan(item.Start, item.Length);

    public void Start(PartReport report, long sequence)
    {
        Report = report;
        Sequence = sequence;
        JsonLength = 0;
        Items.Clear();
    }

    /// <summary>The bytes that followed an unchecked event in its part (a few), kept after its own.</summary>
    public ReadOnlySpan<byte> Context(in BatchItem item) => _json.AsSpan(item.Start + item.Length, item.ContextLength);

    public void Add(ReadOnlySpan<byte> json, long index) => Add(json, [], index, null);

    public void Add(ReadOnlySpan<byte> json, ReadOnlySpan<byte> context, long index, EventOrigin? origin)
    {
        var length = json.Length + context.Length;
        if (JsonLength + length > _json.Length)
        {
            Array.Resize(ref _json, Math.Max(_json.Length * 2, JsonLength + length));
        }

        json.CopyTo(_json.AsSpan(JsonLength));
        context.CopyTo(_json.AsSpan(JsonLength + json.Length));
        Items.Add(new BatchItem(JsonLength, json.Length, index, default, null, origin, context.Length));
        JsonLength += length;
    }

    public void AddSkip(long index, SkipReason reason, string detail) => Items.Add(new BatchItem(0, 0, index, reason, detail));
}
