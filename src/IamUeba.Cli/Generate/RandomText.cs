namespace IamUeba.Cli.Generate;

/// <summary>Identifiers in the shapes AWS writes them, drawn from a seeded <see cref="Random"/>.</summary>
internal static class RandomText
{
    private const string Hex = "0123456789abcdef";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A version-4 UUID string (eventID, requestID) from the seeded generator.</summary>
    public static string Uuid(Random rng)
    {
        Span<byte> b = stackalloc byte[16];
        rng.NextBytes(b);
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        Span<char> c = stackalloc char[36];
        var at = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                c[at++] = '-';
            }

            c[at++] = Hex[b[i] >> 4];
            c[at++] = Hex[b[i] & 0xF];
        }

        return new string(c);
    }

    public static string HexString(Random rng, int length) => Pick(rng, Hex, length);

    /// <summary>Upper-case base-32 tail of an AWS unique id (AIDA..., AROA..., AKIA..., ASIA...).</summary>
    public static string AwsId(Random rng, string prefix, int length = 16) => prefix + Pick(rng, Upper, length);

    public static string Alphanumeric(Random rng, int length) => Pick(rng, Alnum, length);

    public static string Digits(Random rng, int length) => Pick(rng, "0123456789", length);

    private static string Pick(Random rng, string alphabet, int length)
    {
        Span<char> c = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            c[i] = alphabet[rng.Next(alphabet.Length)];
        }

        return new string(c);
    }
}
