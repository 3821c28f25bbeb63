namespace IamUeba.Cli.Generate;

/// <summary>Times as CloudTrail writes them: UTC, to the second, with Z.</summary>
internal static class TimeText
{
    public static string Iso(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The "expiration" style of STS responses: "Mar 4, 2024, 10:16:06 AM".</summary>
    public static string Expiration(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("MMM d, yyyy, h:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the AWS CLI prints for lookup-events EventTime.</summary>
    public static string Cli(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
}
