namespace IamUeba.Cli.Generate.Population;

/// <summary>User agents as the CLI, the SDKs and browsers write them into CloudTrail.</summary>
internal static class Agents
{
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    private static readonly string[] CliPlatforms =
    [
        "Python/3.11.8 Darwin/23.3.0 exe/x86_64",
        "Python/3.11.8 Darwin/23.4.0 exe/arm64",
        "Python/3.11.6 Linux/6.7.6-200.fc39.x86_64 exe/x86_64.fedora.39",
        "Python/3.11.8 Linux/5.15.0-97-generic exe/x86_64.ubuntu.22",
        "Python/3.11.8 Windows/10 exe/AMD64",
    ];

    private static readonly string[] CliVersions = ["2.15.21", "2.15.30", "2.15.17", "2.13.33"];

    public static readonly string[] Browsers =
    [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:123.0) Gecko/20100101 Firefox/123.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36",
    ];

    private static readonly string[] Sdks =
    [
        "aws-sdk-java/2.25.6 Linux/5.10.210-201.852.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. md/internal exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/legacy",
        "aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.0 md/GOOS#linux md/GOARCH#amd64",
        "Boto3/1.34.51 md/Botocore#1.34.51 ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.51",
        "aws-sdk-js/3.525.0 ua/2.0 os/linux#5.10.209-219.858.amzn2.x86_64 lang/js md/nodejs#20.11.1 exec-env/AWS_ECS_FARGATE",
    ];

    private static readonly string[] LambdaSdks =
    [
        "aws-sdk-js/3.525.0 ua/2.0 os/linux#5.10.209-218.812.amzn2.x86_64 lang/js md/nodejs#20.11.1 exec-env/AWS_Lambda_nodejs20.x",
        "Boto3/1.34.42 md/Botocore#1.34.42 ua/2.0 os/linux#5.10.209-218.812.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.42",
    ];

    public const string Terraform =
        "APN/1.0 HashiCorp/1.0 Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.39.1 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.0 md/GOOS#linux md/GOARCH#amd64";

    public const string CiCli = "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-azure exe/x86_64.ubuntu.22 prompt/off";

    public const string LegacyCli = "aws-cli/1.32.51 Python/3.9.16 Linux/4.14.336-256.557.amzn2.x86_64 botocore/1.34.51";

    public const string S3Console =
        "[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.624 Linux/5.10.217-183.860.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.402-b08 java/1.8.0_402 vendor/Oracle_Corporation cfg/retry-mode/standard]";

    public const string AwsInternal = "AWS Internal";

    public static string Cli(Random rng) => $"aws-cli/{rng.Pick(CliVersions)} {rng.Pick(CliPlatforms)}";

    public static string Sdk(Random rng) => rng.Pick(Sdks);

    public static string Lambda(Random rng) => rng.Pick(LambdaSdks);

    /// <summary>The CLI adds the command it ran: "prompt/off command/ec2.describe-instances".</summary>
    public static string CliCommand(string cli, string eventSource, string eventName)
    {
        var service = eventSource.AsSpan(0, eventSource.IndexOf('.', StringComparison.Ordinal)).ToString();
        return $"{cli} prompt/off command/{service}.{Kebab(eventName)}";
    }

    private static string Kebab(string eventName)
    {
        var name = StripLambdaVersion(eventName);
        var chars = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                chars.Append('-');
            }

            chars.Append(char.ToLowerInvariant(c));
        }

        return chars.ToString();
    }

    /// <summary>Lambda's event names carry an API date ("GetFunction20150331v2"); the action is the part before it.</summary>
    public static string StripLambdaVersion(string eventName)
    {
        var digit = eventName.AsSpan().IndexOfAny(Digits);
        return digit > 0 ? eventName[..digit] : eventName;
    }
}
