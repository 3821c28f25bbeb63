namespace IamUeba.Cli.Generate.Population;

/// <summary>Name stock for people and workloads; combined with an index where they would repeat.</summary>
internal static class Names
{
    public static readonly string[] First =
    [
        "alice", "ben", "carla", "daniel", "elena", "felix", "grace", "hyunwoo", "ines", "jonas", "kim", "lena", "marco", "nina",
        "oliver", "priya", "quentin", "rosa", "sven", "tanya", "umar", "vera", "wei", "xavier", "yuna", "zoe", "minji", "jisoo",
        "lukas", "hannah", "mateo", "sofia", "tomas", "aisha", "david", "mia", "noah", "emma", "leon", "clara",
    ];

    public static readonly string[] Last =
    [
        "schmidt", "kim", "park", "lee", "garcia", "miller", "nguyen", "fischer", "weber", "choi", "johnson", "brown", "rossi",
        "novak", "meyer", "wagner", "jung", "kang", "smith", "lopez", "martin", "khan", "silva", "cohen", "becker", "hoffmann",
        "yoon", "lim", "walker", "young",
    ];

    public static readonly string[] Apps =
    [
        "orders", "payments", "catalog", "search", "billing", "notifications", "inventory", "reporting", "auth", "etl", "ingest",
        "recommendations", "analytics", "media", "shipping", "pricing", "profile", "checkout", "gateway", "scheduler",
    ];

    public static readonly string[] Environments = ["prod", "prod", "staging", "dev"];
}
