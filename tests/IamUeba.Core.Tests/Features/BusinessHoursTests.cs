using IamUeba.Core.Features;

namespace IamUeba.Core.Tests.Features;

public sealed class BusinessHoursTests
{
    private static long At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    [Theory]
    [InlineData("2024-01-15T05:59:59Z", true)]
    [InlineData("2024-01-15T06:00:00Z", false)]
    [InlineData("2024-01-15T21:59:59Z", false)]
    [InlineData("2024-01-15T22:00:00Z", true)]
    [InlineData("2024-01-16T03:04:00Z", true)]
    public void Utc_business_hours_are_six_to_twenty_two(string time, bool offHours)
    {
        new BusinessHours(TimeZoneInfo.Utc, 6, 22).IsOffHours(At(time)).Should().Be(offHours);
    }

    [Fact]
    public void Eleven_at_night_utc_is_eight_in_the_morning_in_seoul()
    {
        var seoul = new BusinessHours(TimeZoneResolver.Find("Asia/Seoul")!, 6, 22);

        seoul.LocalHour(At("2024-01-15T23:00:00Z")).Should().Be(8);
        seoul.IsOffHours(At("2024-01-15T23:00:00Z")).Should().BeFalse();
    }

    [Fact]
    public void Daylight_saving_time_moves_the_local_hour()
    {
        var berlin = new BusinessHours(TimeZoneResolver.Find("Europe/Berlin")!, 6, 22);

        berlin.LocalHour(At("2024-01-15T05:30:00Z")).Should().Be(6, "UTC+1 in winter");
        berlin.LocalHour(At("2024-07-15T05:30:00Z")).Should().Be(7, "UTC+2 in summer");
    }

    [Fact]
    public void A_night_shift_window_wraps_midnight()
    {
        var nightShift = new BusinessHours(TimeZoneInfo.Utc, 20, 8);

        nightShift.IsOffHours(At("2024-01-15T23:00:00Z")).Should().BeFalse();
        nightShift.IsOffHours(At("2024-01-15T12:00:00Z")).Should().BeTrue();
    }
}
