using IamUeba.Cli.Generate.Catalog;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>Calls attackers make that the normal mixes do not, with the parameters AWS records for them.</summary>
internal static class AttackCalls
{
    private static readonly HashSet<string> GlobalSources = new(StringComparer.Ordinal) { "iam.amazonaws.com", "organizations.amazonaws.com", "route53.amazonaws.com" };

    /// <summary>Kali and VPS tooling, as Stratus and incident reports show it: old distro CLIs, boto3 scripts, pacu.</summary>
    public static readonly string[] Agents =
    [
        "aws-cli/1.22.34 Python/3.10.12 Linux/5.15.0-91-generic botocore/1.23.34",
        "Boto3/1.28.85 md/Botocore#1.31.85 ua/2.0 os/linux#6.5.0-kali3-amd64 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.31.85",
        "aws-cli/2.9.19 Python/3.9.11 Linux/6.1.0-kali9-amd64 exe/x86_64.kali.2023 prompt/off",
        "Boto3/1.26.165 Python/3.11.2 Linux/6.1.0-13-cloud-amd64 Botocore/1.29.165 Pacu/1.5.2",
    ];

    public const string AttackerBrowser = "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0";

    public static ApiCall Call(string source, string name, bool readOnly, string? request = null, string? response = null) => new(source, name, readOnly, (c, e) =>
    {
        if (GlobalSources.Contains(source))
        {
            e.Region = "us-east-1";
            e.TlsHost = source;
        }
        else
        {
            e.TlsHost = $"{source[..source.IndexOf('.', StringComparison.Ordinal)]}.{c.Region}.amazonaws.com";
        }

        e.RequestParameters = request;
        e.ResponseElements = response?.Replace("$REQUEST_ID", e.RequestId, StringComparison.Ordinal);
    })
    { Global = GlobalSources.Contains(source) };

    public static ApiCall Read(string source, string name, string? request = null) => Call(source, name, true, request);

    /// <summary>An AssumeRole call with its credentials response; the caller then acts as the role.</summary>
    public static ApiCall AssumeRole(string account, string roleName, string roleId, string session, string newKey, long expires, Random rng) =>
        Call("sts.amazonaws.com", "AssumeRole", true,
            $"{{\"roleArn\":\"{Arns.Role(account, roleName)}\",\"roleSessionName\":\"{session}\",\"durationSeconds\":3600}}",
            $"{{\"credentials\":{Json.Credentials(rng, newKey, expires)},\"assumedRoleUser\":{{\"assumedRoleId\":\"{roleId}:{session}\",\"arn\":\"{Arns.AssumedRole(account, roleName, session)}\"}}}}");

    public static string UserAgent(AttackContext c) => Agents[c.Rng.Next(Agents.Length)];

    public static string CliAgent(string agent, string source, string name) =>
        agent.StartsWith("aws-cli/", StringComparison.Ordinal) ? Population.Agents.CliCommand(agent, source, name) : agent;
}
