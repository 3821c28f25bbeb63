using System.Buffers;
using System.Text.Json;

namespace IamUeba.Benchmarks;

/// <summary>
/// The limit every figure is compared with: one <see cref="Utf8JsonReader"/> pass over every token,
/// doing nothing per token. No parser can read JSON faster than it can tokenise it.
/// </summary>
public static class TokenPass
{
    private static readonly JsonReaderOptions Options = new() { AllowMultipleValues = true, MaxDepth = 256 };

    /// <summary>Tokens in a buffer held in memory (one or more JSON values, as JSON Lines).</summary>
    public static long Count(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(SkipBom(json), Options);
        long tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>Tokens and bytes in a stream, through a pooled buffer refilled as the BCL's own streaming deserializer does.</summary>
    public static async Task<(long Tokens, long Bytes)> CountAsync(Stream stream, int bufferSize, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        var state = new JsonReaderState(Options);
        long tokens = 0;
        long bytes = 0;
        var count = 0;
        var first = true;
        try
        {
            while (true)
            {
                var final = false;
                while (count < buffer.Length)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        final = true;
                        break;
                    }

                    count += n;
                    bytes += n;
                }

                var start = first && SkipBom(buffer.AsSpan(0, count)).Length < count ? 3 : 0;
                first = false;
                var consumed = start + Step(buffer.AsSpan(start, count - start), final, ref state, ref tokens);
                if (final)
                {
                    return (tokens, bytes);
                }

                if (consumed == 0)
                {
                    // One token larger than the buffer: grow it.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else
                {
                    buffer.AsSpan(consumed, count - consumed).CopyTo(buffer);
                    count -= consumed;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Step(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, ref long tokens)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (reader.Read())
        {
            tokens++;
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> json) =>
        json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF ? json[3..] : json;
}
