namespace IamUeba.Cli.Generate.Population;

/// <summary>
/// Source addresses: offices share a NAT address, homes have their own, workloads sit in a VPC.
/// Office addresses are in the documentation ranges; homes in residential-looking blocks per country.
/// </summary>
internal static class Addresses
{
    public static string Office(string zoneId, int nat) => zoneId switch
    {
        "America/New_York" => $"203.0.113.{17 + nat}",
        "Europe/Berlin" => $"198.51.100.{42 + nat}",
        _ => $"192.0.2.{77 + nat}",
    };

    public static string Home(Random rng, string zoneId)
    {
        string[] blocks = zoneId switch
        {
            "America/New_York" => ["24.185", "73.42", "98.116", "68.197"],
            "Europe/Berlin" => ["84.159", "91.64", "93.199", "79.215"],
            _ => ["121.134", "175.223", "211.36", "220.76"],
        };
        return $"{rng.Pick(blocks)}.{rng.Next(1, 255)}.{rng.Next(1, 255)}";
    }

    public static string Private(Random rng, int vpc) => $"10.{vpc}.{rng.Next(0, 48)}.{rng.Next(4, 250)}";

    /// <summary>Hosting and VPN blocks attackers rent by the hour.</summary>
    public static string Hostile(Random rng)
    {
        string[] blocks = ["45.137", "185.220", "193.32", "5.188", "146.70", "89.187", "104.244", "162.247", "23.129", "192.42"];
        return $"{rng.Pick(blocks)}.{rng.Next(1, 255)}.{rng.Next(1, 255)}";
    }
}
