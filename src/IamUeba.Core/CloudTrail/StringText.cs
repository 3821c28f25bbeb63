using System.Buffers;

namespace IamUeba.Core.CloudTrail;

/// <summary>
/// The text of a string <see cref="JsonScanner"/> has read: its bytes as written when they hold no
/// escape, else with the escapes resolved into a rented buffer (given back on Dispose), or as written
/// where Utf8JsonReader.CopyString would refuse them, as the reader path then keeps them.
/// </summary>
internal readonly ref struct StringText
{
    private readonly byte[]? _rented;

    public StringText(ReadOnlySpan<byte> raw, bool escaped)
    {
        Span = raw;
        if (escaped)
        {
            _rented = ArrayPool<byte>.Shared.Rent(raw.Length);
            if (JsonScanner.TryUnescape(raw, _rented, out var written))
            {
                Span = _rented.AsSpan(0, written);
            }
        }
    }

    public ReadOnlySpan<byte> Span { get; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }
    }
}
