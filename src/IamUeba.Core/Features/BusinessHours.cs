namespace IamUeba.Core.Features;

/// <summary>Judges off-hours in a time zone. Caches the zone's offset per hour, since events arrive in bursts of the same hour.</summary>
public sealed class BusinessHours(TimeZoneInfo zone, int startHour, int endHour)
{
    private long _cachedHour = long.MinValue;
    private long _cachedOffset;

    public TimeZoneInfo Zone => zone;

    /// <summary>The same hours with a cache of its own, for another thread.</summary>
    public BusinessHours Clone() => new(zone, startHour, endHour);

    public bool IsOffHours(long unixSeconds)
    {
        var localHour = LocalHour(unixSeconds);
        var end = endHour % 24;
        return startHour < end
            ? localHour < startHour || localHour >= end
            : localHour < startHour && localHour >= end;
    }

    public int LocalHour(long unixSeconds)
    {
        var hourBucket = Math.DivRem(unixSeconds, 3600).Quotient;
        if (hourBucket != _cachedHour)
        {
            _cachedHour = hourBucket;
            _cachedOffset = zone == TimeZoneInfo.Utc
                ? 0
                : (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).TotalSeconds;
        }

        var local = unixSeconds + _cachedOffset;
        return (int)(((local % 86400) + 86400) % 86400 / 3600);
    }
}
