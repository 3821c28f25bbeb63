namespace IamUeba.Core.Features;

/// <summary>
/// The eventIDs of a batch of observations, as UTF-8 one after another: most events are never shown
/// as evidence, so their ids stay bytes and are never decoded into strings.
/// </summary>
internal sealed class EventIdArena
{
    private byte[] _bytes = new byte[4096];
    private int _length;

    public int Append(ReadOnlySpan<byte> utf8)
    {
        if (_length + utf8.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + utf8.Length));
        }

        utf8.CopyTo(_bytes.AsSpan(_length));
        var start = _length;
        _length += utf8.Length;
        return start;
    }

    public ReadOnlySpan<byte> Bytes(int start, int length) => _bytes.AsSpan(start, length);

    public void Clear() => _length = 0;
}
