namespace IamUeba.Core.CloudTrail;

/// <summary>
/// Reads CloudTrail's eventTime strictly: <c>YYYY-MM-DD(T| )hh:mm:ss[.f{1,9}][Z|±hh:mm|±hhmm]</c>.
/// A time without a zone is UTC, as CloudTrail writes every eventTime in UTC. Anything else is
/// unreadable: the event is skipped and counted, never given a guessed time.
/// </summary>
public static class EventTime
{
    public static bool TryParse(ReadOnlySpan<byte> s, out long unixSeconds)
    {
        unixSeconds = 0;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1970 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var i = 19;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var start = i;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }

            // Fractions are read but not kept: detection works in whole seconds.
            if (i == start || i - start > 9)
            {
                return false;
            }
        }

        var offsetSeconds = 0;
        if (i < s.Length)
        {
            var sign = s[i];
            if ((sign == 'Z' || sign == 'z') && i == s.Length - 1)
            {
                i++;
            }
            else if (sign == '+' || sign == '-')
            {
                int offHour, offMinute;
                var rest = s[(i + 1)..];
                if (rest.Length == 5 && rest[2] == ':' && TryDigits(rest, 0, 2, out offHour) && TryDigits(rest, 3, 2, out offMinute))
                {
                }
                else if (rest.Length == 4 && TryDigits(rest, 0, 2, out offHour) && TryDigits(rest, 2, 2, out offMinute))
                {
                }
                else if (rest.Length == 2 && TryDigits(rest, 0, 2, out offHour))
                {
                    offMinute = 0;
                }
                else
                {
                    return false;
                }

                if (offHour > 14 || offMinute > 59)
                {
                    return false;
                }

                offsetSeconds = (sign == '+' ? 1 : -1) * ((offHour * 3600) + (offMinute * 60));
                i = s.Length;
            }
            else
            {
                return false;
            }
        }

        if (i != s.Length)
        {
            return false;
        }

        // A leap second (":60") is folded into the next second.
        var days = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).Ticks / TimeSpan.TicksPerDay - 719162;
        unixSeconds = (days * 86400) + (hour * 3600) + (minute * 60) + second - offsetSeconds;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var k = start; k < start + count; k++)
        {
            if (!IsDigit(s[k]))
            {
                return false;
            }

            value = (value * 10) + (s[k] - '0');
        }

        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
