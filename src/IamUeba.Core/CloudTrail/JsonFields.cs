using System.Text;
using System.Text.Json;

namespace IamUeba.Core.CloudTrail;

/// <summary>Small helpers for reading CloudTrail's loosely typed fields with <see cref="Utf8JsonReader"/>.</summary>
internal static class JsonFields
{
    /// <summary>The property name under the reader, unescaped into <paramref name="buffer"/>; empty when longer than it.</summary>
    public static ReadOnlySpan<byte> Name(in Utf8JsonReader reader, Span<byte> buffer) =>
        !reader.ValueIsEscaped && !reader.HasValueSequence ? reader.ValueSpan : Unescaped(in reader, buffer);

    // Apart from the hot path above, which the JIT can then inline: it does not inline a method with a try.
    private static ReadOnlySpan<byte> Unescaped(in Utf8JsonReader reader, Span<byte> buffer)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > buffer.Length)
        {
            return default;
        }

        var copy = reader;
        try
        {
            var written = copy.CopyString(buffer);
            return buffer[..written];
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape or escaped bytes that are not UTF-8: compare and read it as written.
            return reader.ValueSpan;
        }
    }

    /// <summary>Real exports spell keys in several cases (<c>eventname</c>, <c>RequestParameters</c>): compare ignoring ASCII case.</summary>
    public static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lowerCase) =>
        name.Length == lowerCase.Length
        && (name.IsEmpty || (name[0] | 0x20) == (lowerCase[0] | 0x20)) // most keys of a length differ in their first letter: skip the full compare
        && Ascii.EqualsIgnoreCase(name, lowerCase);

    public static string? String(ref Utf8JsonReader reader, StringPool pool) =>
        reader.TokenType == JsonTokenType.String ? pool.Get(ref reader) : null;

    /// <summary>JSON true/false, or the strings "true"/"false"/"yes"/"no" in any case; null otherwise.</summary>
    public static bool? Boolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                Span<byte> buffer = stackalloc byte[8];
                var value = Name(in reader, buffer);
                if (Is(value, "true"u8) || Is(value, "yes"u8))
                {
                    return true;
                }

                if (Is(value, "false"u8) || Is(value, "no"u8))
                {
                    return false;
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The next token. The parsers run on the streaming reader's buffer as it is: an event cut by the
    /// buffer's end stops the parse here, and the reader retries it once more bytes are in.
    /// </summary>
    public static bool Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw NeedMoreData.Instance;
        }

        return true;
    }

    /// <summary>Skips the current value (a no-op on a scalar); stops the parse when the value runs past the buffer.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw NeedMoreData.Instance;
        }
    }

    /// <summary>True when the current value is an object or array with at least one member.</summary>
    public static bool IsNonEmptyContainer(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return false;
        }

        var copy = reader;
        Next(ref copy);
        var nonEmpty = copy.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray);
        SkipValue(ref reader);
        return nonEmpty;
    }
}
