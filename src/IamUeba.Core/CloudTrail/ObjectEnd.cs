using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace IamUeba.Core.CloudTrail;

/// <summary>
/// Where a JSON object ends, found from its strings and brackets alone, 64 bytes at a time (the
/// structural pass of simdjson: escapes, then what lies inside strings, then the brackets outside
/// them). It does not check syntax: on valid JSON the end is exact; on anything else it is some
/// bracket, and whoever parses the object between finds the fault. The batched reader uses it so
/// that the reader's thread only finds where events end and the workers, who parse every byte
/// anyway, do the checking.
/// </summary>
internal static class ObjectEnd
{
    private const int Block = 64;
    private const ulong EvenBits = 0x5555555555555555UL;

    /// <summary>
    /// The index just past the object that opens at <paramref name="at"/> (a '{'), or -1 when it does
    /// not close within <paramref name="data"/> or opens more than <paramref name="maxDepth"/>
    /// containers, itself included.
    /// </summary>
    public static int Find(ReadOnlySpan<byte> data, int at, int maxDepth) => Find(data, at, maxDepth, Vector256.IsHardwareAccelerated);

    /// <summary>The same, a byte at a time when not <paramref name="vectorized"/> (as on processors without 256-bit vectors, ARM64 among them).</summary>
    internal static int Find(ReadOnlySpan<byte> data, int at, int maxDepth, bool vectorized)
    {
        ulong inString = 0;
        ulong oddRun = 0;
        var depth = 0;
        Span<byte> tail = stackalloc byte[Block];
        for (var block = at; block < data.Length; block += Block)
        {
            scoped ReadOnlySpan<byte> bytes;
            if (block + Block <= data.Length)
            {
                bytes = data.Slice(block, Block);
            }
            else
            {
                // The last few bytes, padded with white space (which changes nothing).
                tail.Fill((byte)' ');
                data[block..].CopyTo(tail);
                bytes = tail;
            }

            Classify(bytes, vectorized, out var quotes, out var backslashes, out var opens, out var closes);
            if (backslashes != 0 || oddRun != 0)
            {
                quotes &= ~Escaped(backslashes, ref oddRun);
            }

            // Each unescaped quote toggles "inside a string" for the bytes from it on.
            var strings = PrefixXor(quotes) ^ inString;
            inString = (ulong)((long)strings >> 63);
            opens &= ~strings;
            closes &= ~strings;
            if ((opens | closes) == 0)
            {
                continue;
            }

            var closeCount = BitOperations.PopCount(closes);
            var openCount = BitOperations.PopCount(opens);
            if (depth > closeCount && depth + openCount <= maxDepth)
            {
                // Neither back to depth 0 nor past the limit within this block, in whatever order.
                depth += openCount - closeCount;
                continue;
            }

            for (var brackets = opens | closes; brackets != 0; brackets &= brackets - 1)
            {
                var bit = BitOperations.TrailingZeroCount(brackets);
                if ((opens & (1UL << bit)) != 0)
                {
                    if (++depth > maxDepth)
                    {
                        return -1;
                    }
                }
                else if (--depth == 0)
                {
                    return block + bit + 1;
                }
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Classify(ReadOnlySpan<byte> bytes, bool vectorized, out ulong quotes, out ulong backslashes, out ulong opens, out ulong closes)
    {
        ref var first = ref MemoryMarshal.GetReference(bytes);
        if (vectorized)
        {
            var low = Vector256.LoadUnsafe(ref first);
            var high = Vector256.LoadUnsafe(ref first, (nuint)Vector256<byte>.Count);
            quotes = Mask(low, high, (byte)'"');
            backslashes = Mask(low, high, (byte)'\\');

            // '{' and '[' differ only in bit 5 (0x7B, 0x5B), as do '}' and ']' (0x7D, 0x5D).
            var lowFolded = low | Vector256.Create((byte)0x20);
            var highFolded = high | Vector256.Create((byte)0x20);
            opens = Mask(lowFolded, highFolded, (byte)'{');
            closes = Mask(lowFolded, highFolded, (byte)'}');
            return;
        }

        quotes = backslashes = opens = closes = 0;
        for (var i = 0; i < Block; i++)
        {
            var bit = 1UL << i;
            switch (bytes[i])
            {
                case (byte)'"':
                    quotes |= bit;
                    break;
                case (byte)'\\':
                    backslashes |= bit;
                    break;
                case (byte)'{' or (byte)'[':
                    opens |= bit;
                    break;
                case (byte)'}' or (byte)']':
                    closes |= bit;
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(Vector256<byte> low, Vector256<byte> high, byte value) =>
        Vector256.Equals(low, Vector256.Create(value)).ExtractMostSignificantBits()
        | ((ulong)Vector256.Equals(high, Vector256.Create(value)).ExtractMostSignificantBits() << 32);

    /// <summary>
    /// The bytes that follow an odd run of backslashes (escaped), carrying a run that reaches the
    /// block's end into the next (simdjson's find_odd_backslash_sequences).
    /// </summary>
    private static ulong Escaped(ulong backslashes, ref ulong oddRun)
    {
        const ulong OddBits = ~EvenBits;
        var starts = backslashes & ~(backslashes << 1);
        var evenStartMask = EvenBits ^ oddRun;
        var evenStarts = starts & evenStartMask;
        var oddStarts = starts & ~evenStartMask;
        var evenCarries = backslashes + evenStarts;
        var oddCarries = backslashes + oddStarts;
        var endsOdd = oddCarries < backslashes;
        oddCarries |= oddRun;
        oddRun = endsOdd ? 1UL : 0UL;
        var evenCarryEnds = evenCarries & ~backslashes;
        var oddCarryEnds = oddCarries & ~backslashes;
        return (evenCarryEnds & OddBits) | (oddCarryEnds & EvenBits);
    }

    private static ulong PrefixXor(ulong bits)
    {
        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        bits ^= bits << 32;
        return bits;
    }
}
