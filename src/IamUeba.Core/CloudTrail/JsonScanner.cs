using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using IamUeba.Core.Features;

namespace IamUeba.Core.CloudTrail;

/// <summary>
/// A forward-only JSON scanner over bytes in memory, for <see cref="FastEventParser"/>. It accepts
/// exactly what <see cref="Utf8JsonReader"/> accepts with our options (no comments, no trailing
/// commas; any byte from 0x20 up inside a string, as the reader does) or less: on anything else it
/// answers false and never throws, and the caller gives the event to the reader, which reads it or
/// says exactly where it is wrong. <see cref="RanOut"/> tells an event cut by the buffer's end from
/// one the scanner declines.
/// </summary>
internal ref struct JsonScanner
{
    // A string runs to its closing quote; a backslash starts an escape; a control character is an error.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
         0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F]);

    private readonly ReadOnlySpan<byte> _data;
    private int _at;

    public JsonScanner(ReadOnlySpan<byte> data, int at)
    {
        _data = data;
        _at = at;
    }

    public readonly int Position => _at;

    /// <summary>The bytes scanned, from the start of the buffer.</summary>
    public readonly ReadOnlySpan<byte> Data => _data;

    /// <summary>The scan stopped at the end of the bytes: the value may be whole once more are in.</summary>
    public readonly bool RanOut => _at >= _data.Length;

    /// <summary>The next byte after white space, left unread; false at the end of the bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Peek(out byte next)
    {
        while (_at < _data.Length)
        {
            next = _data[_at];
            if (next is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return true;
            }

            _at++;
        }

        next = 0;
        return false;
    }

    /// <summary>Steps over bytes known to hold one whole value, up to <paramref name="position"/>.</summary>
    public void MoveTo(int position) => _at = position;

    /// <summary>Reads <paramref name="token"/> (after white space) if it is next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Take(byte token)
    {
        if (Peek(out var next) && next == token)
        {
            _at++;
            return true;
        }

        return false;
    }

    /// <summary>A string (after white space): its bytes as written, and whether they hold an escape.</summary>
    public bool String(out ReadOnlySpan<byte> value, out bool escaped)
    {
        value = default;
        escaped = false;
        if (!Take((byte)'"'))
        {
            return false;
        }

        var start = _at;
        while (true)
        {
            var stop = IndexOfStop();
            if (stop < 0)
            {
                _at = _data.Length;
                return false;
            }

            _at += stop;
            switch (_data[_at])
            {
                case (byte)'"':
                    value = _data[start.._at];
                    _at++;
                    return true;
                case (byte)'\\':
                    escaped = true;
                    if (!Escape())
                    {
                        return false;
                    }

                    break;
                default:
                    return false; // a control character: the reader refuses it
            }
        }
    }

    // 32 bytes at a time while 32 are left (most keys, names and ids end in the first), the general
    // search for the last few bytes of the buffer.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int IndexOfStop()
    {
        var rest = _data[_at..];
        var at = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(rest);
            for (; at <= rest.Length - Vector256<byte>.Count; at += Vector256<byte>.Count)
            {
                var bytes = Vector256.LoadUnsafe(ref first, (nuint)at);
                var stops = Vector256.Equals(bytes, Vector256.Create((byte)'"'))
                    | Vector256.Equals(bytes, Vector256.Create((byte)'\\'))
                    | Vector256.LessThan(bytes, Vector256.Create((byte)0x20));
                if (stops != Vector256<byte>.Zero)
                {
                    return at + BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
                }
            }
        }

        var tail = rest[at..].IndexOfAny(StringStops);
        return tail < 0 ? -1 : at + tail;
    }

    /// <summary>A number (after white space), its bytes as written, by JSON's grammar.</summary>
    public bool Number(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!Peek(out _))
        {
            return false;
        }

        var start = _at;
        if (_data[_at] == '-')
        {
            _at++;
        }

        if (_at >= _data.Length)
        {
            return false;
        }

        if (_data[_at] == '0')
        {
            _at++;
        }
        else if (!Digits())
        {
            return false;
        }

        if (_at < _data.Length && _data[_at] == '.')
        {
            _at++;
            if (!Digits())
            {
                return false;
            }
        }

        if (_at < _data.Length && _data[_at] is (byte)'e' or (byte)'E')
        {
            _at++;
            if (_at < _data.Length && _data[_at] is (byte)'+' or (byte)'-')
            {
                _at++;
            }

            if (!Digits())
            {
                return false;
            }
        }

        value = _data[start.._at];
        return EndsValue();
    }

    /// <summary>true, false or null (after white space), spelled exactly.</summary>
    public bool Literal(ReadOnlySpan<byte> word)
    {
        if (!Peek(out _))
        {
            return false;
        }

        var rest = _data[_at..];
        if (rest.Length < word.Length)
        {
            // A literal cut by the end of the bytes may be whole after a refill; anything else is not one.
            _at = word.StartsWith(rest) ? _data.Length : _at;
            return false;
        }

        if (!rest.StartsWith(word))
        {
            return false;
        }

        _at += word.Length;
        return EndsValue();
    }

    /// <summary>Steps over one value of any kind, checking it, at most <paramref name="depth"/> containers deep.</summary>
    public bool Skip(int depth)
    {
        ulong ignored = 0;
        return Walk(depth, hash: false, ref ignored);
    }

    /// <summary>
    /// Steps over one value as <see cref="Skip"/> does, adding each of its tokens to the hash as
    /// EventParser.HashValue does with the reader's tokens: the type, then the text of names,
    /// strings and numbers (escapes resolved, as the reader's CopyString resolves them).
    /// </summary>
    public bool Hash(int depth, ref ulong hash) => Walk(depth, hash: true, ref hash);

    /// <summary>The value is a container with at least one member; steps over it (or over the scalar).</summary>
    public bool NonEmptyContainer(int depth, out bool nonEmpty)
    {
        nonEmpty = false;
        if (!Peek(out var next))
        {
            return false;
        }

        if (next is (byte)'{' or (byte)'[')
        {
            var inside = this;
            inside._at++;
            nonEmpty = inside.Peek(out var first) && first != (next == '{' ? (byte)'}' : (byte)']');
        }

        return Skip(depth);
    }

    public static ulong HashToken(ulong hash, JsonTokenType type) => StableHash.Add(hash, (long)type);

    public static ulong HashToken(ulong hash, JsonTokenType type, ReadOnlySpan<byte> text) => StableHash.Add(StableHash.Add(hash, (long)type), text);

    /// <summary>
    /// A string's text with its escapes resolved, as <see cref="Utf8JsonReader.CopyString(Span{byte})"/>
    /// gives it; false where CopyString throws (a lone surrogate, or text that is not UTF-8), and
    /// the callers then take the text as written, as the reader's callers do. <paramref name="raw"/>
    /// is a string the scanner has read (its escapes are well formed); the text is never longer.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> raw, Span<byte> destination, out int written)
    {
        written = 0;
        var at = 0;
        while (at < raw.Length)
        {
            var next = raw[at..].IndexOf((byte)'\\');
            var plain = next < 0 ? raw[at..] : raw.Slice(at, next);
            plain.CopyTo(destination[written..]);
            written += plain.Length;
            if (next < 0)
            {
                break;
            }

            at += next;
            var kind = raw[at + 1];
            at += 2;
            if (kind != 'u')
            {
                destination[written++] = kind switch
                {
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => kind, // " \ /
                };
                continue;
            }

            int code = Hex(raw.Slice(at, 4));
            at += 4;
            if (char.IsHighSurrogate((char)code))
            {
                if (at + 6 > raw.Length || raw[at] != '\\' || raw[at + 1] != 'u' || !char.IsLowSurrogate((char)Hex(raw.Slice(at + 2, 4))))
                {
                    return false;
                }

                code = char.ConvertToUtf32((char)code, (char)Hex(raw.Slice(at + 2, 4)));
                at += 6;
            }
            else if (char.IsLowSurrogate((char)code))
            {
                return false;
            }

            written += new System.Text.Rune(code).EncodeToUtf8(destination[written..]);
        }

        return System.Text.Unicode.Utf8.IsValid(destination[..written]);
    }

    private static int Hex(ReadOnlySpan<byte> four) =>
        int.Parse(four, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);

    // A name or string as the reader hashes it: its text, escapes resolved (as written where they do not resolve).
    private static ulong HashText(ulong hash, JsonTokenType type, ReadOnlySpan<byte> raw, bool escaped)
    {
        using var text = new StringText(raw, escaped);
        return HashToken(hash, type, text.Span);
    }

    private bool Walk(int depth, bool hash, ref ulong sum)
    {
        if (!Peek(out var next))
        {
            return false;
        }

        switch (next)
        {
            case (byte)'"':
                if (!String(out var text, out var escaped))
                {
                    return false;
                }

                sum = hash ? HashText(sum, JsonTokenType.String, text, escaped) : sum;
                return true;
            case (byte)'{':
                return depth > 0 && Object(depth - 1, hash, ref sum);
            case (byte)'[':
                return depth > 0 && Array(depth - 1, hash, ref sum);
            case (byte)'t':
                sum = hash ? HashToken(sum, JsonTokenType.True) : sum;
                return Literal("true"u8);
            case (byte)'f':
                sum = hash ? HashToken(sum, JsonTokenType.False) : sum;
                return Literal("false"u8);
            case (byte)'n':
                sum = hash ? HashToken(sum, JsonTokenType.Null) : sum;
                return Literal("null"u8);
            default:
                if (!Number(out var number))
                {
                    return false;
                }

                sum = hash ? HashToken(sum, JsonTokenType.Number, number) : sum;
                return true;
        }
    }

    private bool Object(int depth, bool hash, ref ulong sum)
    {
        _at++;
        sum = hash ? HashToken(sum, JsonTokenType.StartObject) : sum;
        if (Take((byte)'}'))
        {
            sum = hash ? HashToken(sum, JsonTokenType.EndObject) : sum;
            return true;
        }

        while (true)
        {
            if (!String(out var name, out var escaped) || !Take((byte)':'))
            {
                return false;
            }

            sum = hash ? HashText(sum, JsonTokenType.PropertyName, name, escaped) : sum;
            if (!Walk(depth, hash, ref sum) || !Peek(out var next))
            {
                return false;
            }

            _at++;
            if (next == '}')
            {
                sum = hash ? HashToken(sum, JsonTokenType.EndObject) : sum;
                return true;
            }

            if (next != ',')
            {
                return false;
            }
        }
    }

    private bool Array(int depth, bool hash, ref ulong sum)
    {
        _at++;
        sum = hash ? HashToken(sum, JsonTokenType.StartArray) : sum;
        if (Take((byte)']'))
        {
            sum = hash ? HashToken(sum, JsonTokenType.EndArray) : sum;
            return true;
        }

        while (true)
        {
            if (!Walk(depth, hash, ref sum) || !Peek(out var next))
            {
                return false;
            }

            _at++;
            if (next == ']')
            {
                sum = hash ? HashToken(sum, JsonTokenType.EndArray) : sum;
                return true;
            }

            if (next != ',')
            {
                return false;
            }
        }
    }

    // At a backslash: one of \" \\ \/ \b \f \n \r \t, or \u and four hex digits (a lone surrogate
    // is accepted, as the reader accepts it).
    private bool Escape()
    {
        if (_at + 1 >= _data.Length)
        {
            _at = _data.Length;
            return false;
        }

        var kind = _data[_at + 1];
        if (kind is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
        {
            _at += 2;
            return true;
        }

        if (kind != 'u')
        {
            return false;
        }

        for (var i = 2; i < 6; i++)
        {
            if (_at + i >= _data.Length)
            {
                _at = _data.Length;
                return false;
            }

            if (!char.IsAsciiHexDigit((char)_data[_at + i]))
            {
                return false;
            }
        }

        _at += 6;
        return true;
    }

    private bool Digits()
    {
        var start = _at;
        while (_at < _data.Length && char.IsAsciiDigit((char)_data[_at]))
        {
            _at++;
        }

        return _at > start;
    }

    // A number or literal must be followed by white space or punctuation; at the end of the bytes it
    // may go on after a refill.
    private bool EndsValue()
    {
        if (_at >= _data.Length)
        {
            return false;
        }

        return _data[_at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)',' or (byte)'}' or (byte)']';
    }
}
