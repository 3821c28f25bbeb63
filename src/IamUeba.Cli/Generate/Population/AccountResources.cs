namespace IamUeba.Cli.Generate.Population;

/// <summary>The account's resources that calls refer to: buckets, functions, stacks, keys, instances.</summary>
internal sealed class AccountResources
{
    public AccountResources(string account, Random rng)
    {
        Account = account;
        Buckets = [.. Names.Apps.Take(12).Select(a => $"{a}-{rng.Pick(Names.Environments)}-{account}"), $"data-lake-raw-{account}", $"data-lake-curated-{account}", $"cloudtrail-logs-{account}", $"athena-results-{account}"];
        DataBuckets = [$"data-lake-raw-{account}", $"data-lake-curated-{account}", Buckets[0], Buckets[3]];
        Functions = [.. Names.Apps.Select(a => $"{a}-{rng.Pick(Names.Environments)}-handler")];
        Stacks = [.. Names.Apps.Take(14).Select(a => $"{a}-service-{rng.Pick(Names.Environments)}")];
        Clusters = ["prod-cluster", "staging-cluster", "batch-cluster"];
        Tables = [.. Names.Apps.Take(10).Select(a => $"{a}-{rng.Pick(Names.Environments)}")];
        Secrets = [.. Names.Apps.Take(10).Select(a => $"prod/{a}/db-credentials"), "prod/stripe/api-key", "shared/datadog/api-key"];
        Parameters = [.. Names.Apps.Take(12).Select(a => $"/config/{a}/{rng.Pick(Names.Environments)}/endpoint")];
        KmsKeys = [.. Enumerable.Range(0, 6).Select(_ => RandomText.Uuid(rng))];
        Instances = [.. Enumerable.Range(0, 40).Select(_ => "i-0" + RandomText.HexString(rng, 16))];
        SecurityGroups = [.. Enumerable.Range(0, 12).Select(_ => "sg-0" + RandomText.HexString(rng, 16))];
        Vpcs = [.. Enumerable.Range(0, 3).Select(_ => "vpc-0" + RandomText.HexString(rng, 16))];
        Snapshots = [.. Enumerable.Range(0, 10).Select(_ => "snap-0" + RandomText.HexString(rng, 16))];
        Images = [.. Enumerable.Range(0, 5).Select(_ => "ami-0" + RandomText.HexString(rng, 16))];
        Repositories = [.. Names.Apps.Take(12)];
        Workgroups = ["primary", "analytics", "finance"];
        GlueDatabases = ["raw", "curated", "finance", "marketing"];
        LogGroups = [.. Names.Apps.Select(a => $"/aws/lambda/{a}-handler"), "/ecs/prod-cluster", "/aws/rds/cluster/orders-prod/postgresql"];
        Users = [];
    }

    public string Account { get; }
    public string[] Buckets { get; }

    /// <summary>Buckets whose object reads CloudTrail records as data events.</summary>
    public string[] DataBuckets { get; }
    public string[] Functions { get; }
    public string[] Stacks { get; }
    public string[] Clusters { get; }
    public string[] Tables { get; }
    public string[] Secrets { get; }
    public string[] Parameters { get; }
    public string[] KmsKeys { get; }
    public string[] Instances { get; }
    public string[] SecurityGroups { get; }
    public string[] Vpcs { get; }
    public string[] Snapshots { get; }
    public string[] Images { get; }
    public string[] Repositories { get; }
    public string[] Workgroups { get; }
    public string[] GlueDatabases { get; }
    public string[] LogGroups { get; }

    /// <summary>IAM user names of the population (for IAM reads and the persistence scenario's victims).</summary>
    public List<string> Users { get; }

    public string KeyArn(string region, string keyId) => $"arn:aws:kms:{region}:{Account}:key/{keyId}";
}
