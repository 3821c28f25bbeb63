namespace IamUeba.Cli.Generate.Population;

/// <summary>Local hour and day of week of each hour of the period in one time zone, daylight saving included.</summary>
internal sealed class ZoneClock
{
    private readonly byte[] _hour;
    private readonly byte[] _dayOfWeek;
    private readonly short[] _day;

    public ZoneClock(string zoneId, long startUnix, int hours)
    {
        ZoneId = zoneId;
        var zone = zoneId == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        _hour = new byte[hours];
        _dayOfWeek = new byte[hours];
        _day = new short[hours];
        var firstLocal = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(startUnix), zone).Date;
        for (var h = 0; h < hours; h++)
        {
            var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(startUnix + (h * 3600L)), zone);
            _hour[h] = (byte)local.Hour;
            _dayOfWeek[h] = (byte)local.DayOfWeek;
            _day[h] = (short)(local.Date - firstLocal).TotalDays;
        }
    }

    public string ZoneId { get; }

    public int LocalHour(int hourIndex) => _hour[hourIndex];

    public bool IsWeekend(int hourIndex) => _dayOfWeek[hourIndex] is (byte)DayOfWeek.Saturday or (byte)DayOfWeek.Sunday;

    /// <summary>Local calendar day since the start (0 for the first local day).</summary>
    public int LocalDay(int hourIndex) => _day[hourIndex];
}
