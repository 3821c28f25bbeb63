using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IamUeba.Core.CloudTrail;

/// <summary>
/// Decides whether <c>sourceIPAddress</c> is an address. AWS writes service names there
/// ("ec2.amazonaws.com", "AWS Internal"), which are not addresses and must not count as IPs.
/// </summary>
public static class IpLiteral
{
    /// <summary>The canonical text of the address, or null when the value is not an IP literal.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64)
        {
            return null;
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6.ToString() : null;
        }

        return TryParseDottedDecimal(value, out var canonical) ? canonical : null;
    }

    // Four decimal octets. Leading zeros are decimal ("253.252.51.07" is .7), as CloudTrail's
    // anonymised exports write them; inet_aton would read them as octal, which is wrong here.
    private static bool TryParseDottedDecimal(string value, out string? canonical)
    {
        canonical = null;
        Span<int> octets = stackalloc int[4];
        var part = 0;
        var digits = 0;
        var current = 0;
        var leadingZero = false;
        foreach (var c in value)
        {
            if (c == '.')
            {
                if (digits == 0 || part == 3)
                {
                    return false;
                }

                octets[part++] = current;
                current = 0;
                digits = 0;
            }
            else if (c is >= '0' and <= '9')
            {
                if (++digits > 3)
                {
                    return false;
                }

                leadingZero |= digits == 2 && current == 0;

                current = (current * 10) + (c - '0');
                if (current > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (part != 3 || digits == 0)
        {
            return false;
        }

        octets[3] = current;
        if (!leadingZero)
        {
            canonical = value;
            return true;
        }

        canonical = string.Create(CultureInfo.InvariantCulture, $"{octets[0]}.{octets[1]}.{octets[2]}.{octets[3]}");
        return true;
    }
}
