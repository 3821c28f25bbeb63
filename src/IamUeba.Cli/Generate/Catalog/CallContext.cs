using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Catalog;

/// <summary>What a call's parameters may depend on: who, where, when, and the account's resources.</summary>
internal sealed class CallContext
{
    public required Random Rng { get; init; }
    public required PopulationModel Model { get; init; }
    public required Principal Principal { get; init; }
    public string Region { get; set; } = "us-east-1";
    public long Time { get; set; }

    public string Account => Model.Account;

    public AccountResources R => Model.Resources;

    public string Pick(string[] items) => items[Rng.Next(items.Length)];

    public string Uuid() => RandomText.Uuid(Rng);
}
