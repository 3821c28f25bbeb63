using System.Runtime.InteropServices;
using System.Text;

namespace IamUeba.Core.CloudTrail;

/// <summary>
/// The property names a parser reads, found ignoring ASCII case with one hash and, for a name in the
/// table, one compare. The parsers ask it for every property of every event: a chain of compares
/// (one per name known) cost more than reading the property did.
/// </summary>
internal sealed class NameTable<TField>
    where TField : struct
{
    private const int Bits = 7;
    private const int Mask = (1 << Bits) - 1;
    private const int MaxNameLength = 64;

    private readonly byte[][] _names;
    private readonly byte[][] _folds;
    private readonly TField[] _fields;

    // Index + 1 into the names; 0 marks an empty slot. Open addressing: a lookup probes until it
    // finds its name or an empty slot.
    private readonly byte[] _slots = new byte[1 << Bits];

    /// <param name="entries">Each name in lower case (any spelling found in the wild, several for one field if need be).</param>
    public NameTable(params ReadOnlySpan<(string Name, TField Field)> entries)
    {
        if (entries.Length > (1 << Bits) / 2)
        {
            throw new ArgumentException($"At most {(1 << Bits) / 2} names.", nameof(entries));
        }

        _names = new byte[entries.Length][];
        _folds = new byte[entries.Length][];
        _fields = new TField[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            if (EqualityComparer<TField>.Default.Equals(entries[i].Field, default))
            {
                throw new ArgumentException($"'{entries[i].Name}' maps to {default(TField)}, the answer for a name not in the table.", nameof(entries));
            }

            var name = Encoding.ASCII.GetBytes(entries[i].Name);
            if (name.Length is 0 or > MaxNameLength || !Ascii.IsValid(entries[i].Name) || entries[i].Name != entries[i].Name.ToLowerInvariant())
            {
                throw new ArgumentException($"'{entries[i].Name}' is not a lower-case ASCII name of 1 to {MaxNameLength} characters.", nameof(entries));
            }

            if (!EqualityComparer<TField>.Default.Equals(Find(name), default))
            {
                throw new ArgumentException($"'{entries[i].Name}' is listed twice.", nameof(entries));
            }

            _names[i] = name;
            _folds[i] = [.. name.Select(b => b is >= (byte)'a' and <= (byte)'z' ? (byte)0x20 : (byte)0)];
            _fields[i] = entries[i].Field;
            var slot = Slot(name);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & Mask;
            }

            _slots[slot] = (byte)(i + 1);
        }
    }

    /// <summary>The field a property name stands for, in any ASCII case; <c>default</c> when it is none of them.</summary>
    public TField Find(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return default;
        }

        var slot = Slot(name);
        while (_slots[slot] is var entry and not 0)
        {
            var known = _names[entry - 1];
            if (known.Length == name.Length && EqualsFolded(name, known, _folds[entry - 1]))
            {
                return _fields[entry - 1];
            }

            slot = (slot + 1) & Mask;
        }

        return default;
    }

    /// <summary>
    /// Equal ignoring ASCII case, eight bytes at a time: a byte matches a lower-case letter when it is
    /// that letter with the 0x20 bit set or not (only its capital differs so), anything else exactly.
    /// </summary>
    private static bool EqualsFolded(ReadOnlySpan<byte> name, byte[] known, byte[] fold)
    {
        if (name.Length < sizeof(ulong))
        {
            for (var i = 0; i < name.Length; i++)
            {
                if ((name[i] | fold[i]) != known[i])
                {
                    return false;
                }
            }

            return true;
        }

        // Whole words, the last one overlapping the one before when the length is not a multiple of eight.
        var last = name.Length - sizeof(ulong);
        for (var at = 0; at < last; at += sizeof(ulong))
        {
            if ((Read(name, at) | Read(fold, at)) != Read(known, at))
            {
                return false;
            }
        }

        return (Read(name, last) | Read(fold, last)) == Read(known, last);
    }

    private static ulong Read(ReadOnlySpan<byte> bytes, int at) => MemoryMarshal.Read<ulong>(bytes[at..]);

    // Length and three letters, folded to lower case: enough to tell CloudTrail's names apart
    // (eventTime, eventName and eventType differ in their middle letter). Only the slot depends on
    // it; a name that shares a slot with another is still found, one probe later.
    private static int Slot(ReadOnlySpan<byte> name)
    {
        var mixed = ((uint)name.Length * 0x9E3779B1u)
            ^ ((uint)(name[0] | 0x20) << 8)
            ^ ((uint)(name[name.Length >> 1] | 0x20) << 16)
            ^ (uint)(name[^1] | 0x20);
        return (int)((mixed * 0x85EBCA6Bu) >> (32 - Bits));
    }
}
