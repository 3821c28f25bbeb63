using System.IO.Hashing;

namespace IamUeba.Core.CloudTrail;

/// <summary>
/// The userIdentity objects read last, by their exact bytes, with what reading them gave. One
/// principal's events within a session carry the same userIdentity, byte for byte (type, ids, ARN,
/// session issuer, creation date, MFA), about a third of the event's bytes: the fast parser finds
/// where it ends and takes the remembered reading instead of reading its fields and interning its
/// strings again. Exact: the same bytes, read at the same depth into a fresh identity, give the same
/// fields, and these bytes were read and checked once.
/// </summary>
internal sealed class IdentityMemo
{
    // 4,096 entries of a few hundred bytes (about 2.5 MB a pool when full; the service has one a
    // reading thread): the generated load file's 2,000 principals miss 16% of lookups with these,
    // 13% with twice as many, 12% with four times; with twice as many a 10 GB upload went past its
    // memory bound (docs/performance.md, step 9).
    private const int Bits = 12;

    // Seeded per process, so that no upload can be crafted in advance to evict the others' entries.
    private static readonly long Seed = BitConverter.ToInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(sizeof(long)));

    private readonly Entry?[] _slots = new Entry?[1 << Bits];

    /// <summary>
    /// Fills <paramref name="into"/> (a fresh identity) from the reading of exactly these bytes at
    /// this depth, when remembered; <paramref name="hash"/> is the bytes' hash, for <see cref="Remember"/>.
    /// </summary>
    public bool TryRecall(ReadOnlySpan<byte> identity, int depth, UserIdentity into, out ulong hash)
    {
        hash = XxHash3.HashToUInt64(identity, Seed);
        if (_slots[(int)(hash >> (64 - Bits))] is not { } entry
            || entry.Hash != hash
            || entry.Depth != depth
            || !identity.SequenceEqual(entry.Bytes.AsSpan(0, entry.Length)))
        {
            return false;
        }

        into.CopyFrom(entry.Reading);
        return true;
    }

    /// <summary>Remembers what reading these bytes (of this hash, from <see cref="TryRecall"/>) into a fresh identity at this depth gave.</summary>
    public void Remember(ReadOnlySpan<byte> identity, ulong hash, int depth, UserIdentity reading)
    {
        ref var slot = ref _slots[(int)(hash >> (64 - Bits))];
        var entry = slot ??= new Entry();
        if (entry.Bytes.Length < identity.Length)
        {
            entry.Bytes = new byte[identity.Length];
        }

        identity.CopyTo(entry.Bytes);
        entry.Length = identity.Length;
        entry.Hash = hash;
        entry.Depth = depth;
        entry.Reading.CopyFrom(reading);
    }

    private sealed class Entry
    {
        public byte[] Bytes = [];
        public int Length;
        public ulong Hash;
        public int Depth;
        public readonly UserIdentity Reading = new();
    }
}
