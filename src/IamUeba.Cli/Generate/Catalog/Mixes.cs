using IamUeba.Cli.Generate.Population;
using static IamUeba.Cli.Generate.Catalog.ComputeCalls;
using static IamUeba.Cli.Generate.Catalog.DataCalls;
using static IamUeba.Cli.Generate.Catalog.IdentityCalls;
using static IamUeba.Cli.Generate.Catalog.OpsCalls;
using static IamUeba.Cli.Generate.Catalog.StorageCalls;

namespace IamUeba.Cli.Generate.Catalog;

/// <summary>
/// What each persona calls: services weighted by how much of its day they take, calls weighted
/// within a service. A burst (one CLI command, one console page) stays within one service.
/// </summary>
internal static class Mixes
{
    private static Weighted<ApiCall> W(ApiCall call, double weight) => new(call, weight);

    private static Weighted<ServiceMix> S(string name, double weight, double burst, params Weighted<ApiCall>[] calls) => new(new ServiceMix(name, calls, burst), weight);

    private static readonly Weighted<ServiceMix> Storage = S("s3", 3, 3, W(ListBuckets, 2), W(GetBucketLocation, 1), W(GetBucketPolicy, 0.5), W(GetObject, 4), W(PutObject, 1.5));
    private static readonly Weighted<ServiceMix> Functions = S("lambda", 2, 3, W(ListFunctions, 1), W(GetFunction, 2), W(GetFunctionConfiguration, 1), W(UpdateFunctionCode, 0.3));
    private static readonly Weighted<ServiceMix> LogsMix = S("logs", 3, 4, W(DescribeLogGroups, 2), W(DescribeLogStreams, 1), W(FilterLogEvents, 3), W(GetLogEvents, 2), W(StartQuery, 0.5));
    private static readonly Weighted<ServiceMix> Stacks = S("cloudformation", 1.5, 4, W(DescribeStacks, 2), W(DescribeStackEvents, 2), W(ListStacks, 0.5), W(GetTemplate, 0.3));
    private static readonly Weighted<ServiceMix> Ec2Reads = S("ec2", 2, 4, W(DescribeInstances, 3), W(DescribeSecurityGroups, 1.5), W(DescribeVpcs, 0.5), W(DescribeSubnets, 0.5), W(DescribeVolumes, 0.5), W(DescribeNetworkInterfaces, 0.3));
    private static readonly Weighted<ServiceMix> Containers = S("ecs", 1.5, 3, W(DescribeServices, 2), W(ListTasks, 1), W(DescribeTasks, 1), W(GetAuthorizationToken, 1), W(DescribeRepositories, 0.5), W(UpdateService, 0.15));
    private static readonly Weighted<ServiceMix> Config = S("ssm", 1, 2, W(GetParameter, 2), W(GetParametersByPath, 0.5), W(DescribeSecret, 0.3), W(GetSecretValue, 0.3), W(DescribeTable, 0.7), W(ListTables, 0.3));
    private static readonly Weighted<ServiceMix> Metrics = S("cloudwatch", 1, 3, W(GetMetricData, 3), W(DescribeAlarms, 1));
    private static readonly Weighted<ServiceMix> Whoami = S("sts", 0.6, 1, W(GetCallerIdentity, 1));

    public static readonly Weighted<ServiceMix>[] Developer = [Storage, Functions, LogsMix, Stacks, Ec2Reads, Containers, Config, Metrics, Whoami];

    public static readonly Weighted<ServiceMix>[] Analyst =
    [
        S("athena", 5, 5, W(StartQueryExecution, 2), W(GetQueryExecution, 5), W(GetQueryResults, 2), W(GetWorkGroup, 0.3)),
        S("glue", 2, 4, W(GetDatabases, 1), W(GetTables, 1), W(GetTable, 2), W(GetPartitions, 1)),
        S("s3", 3, 4, W(GetObject, 5), W(PutObject, 1), W(ListBuckets, 1), W(GetBucketLocation, 1)),
        Metrics with { Weight = 0.3 },
    ];

    public static readonly Weighted<ServiceMix>[] Ops =
    [
        S("ec2", 4, 5, W(DescribeInstances, 3), W(DescribeSecurityGroups, 2), W(DescribeVolumes, 1), W(DescribeSnapshots, 1), W(DescribeVpcs, 1), W(DescribeSubnets, 1), W(DescribeImages, 0.5), W(CreateTags, 0.3), W(StartInstances, 0.15), W(StopInstances, 0.15), W(CreateSnapshot, 0.15), W(AuthorizeSecurityGroupIngress, 0.04)),
        S("iam", 2, 3, W(ListUsers, 1), W(GetUser, 1), W(ListRoles, 1), W(GetRole, 1), W(ListAttachedRolePolicies, 1), W(ListAccessKeys, 0.5), W(GetAccountSummary, 0.3), W(ListPolicies, 0.3), W(GetPolicyVersion, 0.3), W(ListGroupsForUser, 0.3),
            W(CreateRole, 0.04), W(AttachRolePolicy, 0.05), W(PutRolePolicy, 0.05), W(CreateAccessKey, 0.02), W(UpdateAccessKey, 0.02), W(DeleteAccessKey, 0.02), W(AddUserToGroup, 0.02), W(CreatePolicy, 0.02)),
        S("cloudtrail", 0.8, 2, W(DescribeTrails, 1), W(GetTrailStatus, 1), W(LookupEvents, 2)),
        S("guardduty", 0.6, 3, W(ListDetectors, 1), W(ListFindings, 1), W(GetFindings, 1.5)),
        S("lb", 1, 3, W(DescribeLoadBalancers, 1), W(DescribeTargetHealth, 2), W(DescribeAutoScalingGroups, 1), W(DescribeDBInstances, 1)),
        S("ssm", 0.8, 2, W(DescribeInstanceInformation, 2), W(StartSession, 0.3), W(GetParameter, 1)),
        S("route53", 0.3, 1, W(ListHostedZones, 1)),
        Metrics with { Weight = 1.5 },
        LogsMix with { Weight = 1.5 },
        Stacks with { Weight = 1 },
    ];

    public static readonly Weighted<ServiceMix>[] Auditor =
    [
        S("iam", 3, 5, W(ListUsers, 1), W(ListRoles, 1), W(GetAccountPasswordPolicy, 0.3), W(GenerateCredentialReport, 0.2), W(GetCredentialReport, 0.2), W(ListMFADevices, 1), W(ListAccessKeys, 1), W(GetAccessKeyLastUsed, 1), W(GetAccountAuthorizationDetails, 0.2), W(GetAccountSummary, 0.3)),
        S("s3", 2, 6, W(ListBuckets, 1), W(GetBucketPolicy, 1), W(GetBucketAcl, 1), W(GetBucketPublicAccessBlock, 1), W(GetBucketEncryption, 0.6), W(GetBucketTagging, 0.4)),
        S("config", 1.5, 3, W(DescribeConfigRules, 1), W(DescribeComplianceByConfigRule, 1), W(GetComplianceDetailsByConfigRule, 1.5)),
        S("securityhub", 1.5, 2, W(SecurityHubGetFindings, 1)),
        S("cloudtrail", 1, 3, W(DescribeTrails, 1), W(GetEventSelectors, 0.5), W(GetTrailStatus, 0.5), W(LookupEvents, 1)),
        S("kms", 0.5, 3, W(ListKeys, 1), W(GetKeyRotationStatus, 2)),
        S("ec2", 1, 3, W(DescribeSecurityGroups, 2), W(DescribeFlowLogs, 1), W(DescribeSnapshots, 0.5)),
    ];

    public static readonly Weighted<ServiceMix>[] CiDeploy =
    [
        S("cloudformation", 5, 6, W(CreateChangeSet, 1), W(DescribeChangeSet, 3), W(ExecuteChangeSet, 1), W(DescribeStacks, 4), W(DescribeStackEvents, 4), W(GetTemplate, 0.5)),
        S("ecr", 2, 4, W(GetAuthorizationToken, 1), W(PutImage, 0.6), W(BatchGetImage, 1)),
        S("s3", 2, 2, W(PutObject, 2), W(GetBucketLocation, 0.5)),
        S("lambda", 1.5, 2, W(UpdateFunctionCode, 0.6), W(GetFunction, 1), W(GetFunctionConfiguration, 1)),
        S("ecs", 1.5, 3, W(RegisterTaskDefinition, 0.5), W(UpdateService, 0.5), W(DescribeServices, 2)),
        S("ssm", 1, 1, W(GetParameter, 1)),
        Whoami with { Weight = 1 },
    ];

    public static readonly Weighted<ServiceMix>[] AppService =
    [
        S("kms", 5, 2, W(Decrypt, 5), W(GenerateDataKey, 3)),
        S("secrets", 1, 1, W(GetSecretValue, 1), W(GetParameters, 1)),
        S("s3", 2, 3, W(GetObject, 3), W(PutObject, 2)),
        S("metrics", 2, 1, W(PutMetricData, 1)),
        S("dynamodb", 0.3, 1, W(DescribeTable, 1)),
    ];

    public static readonly Weighted<ServiceMix>[] LambdaFunction =
    [
        S("kms", 4, 1, W(Decrypt, 3), W(GenerateDataKey, 1)),
        S("config", 2, 1, W(GetParameter, 1), W(GetSecretValue, 1)),
        S("s3", 1.5, 2, W(GetObject, 2), W(PutObject, 2)),
        S("metrics", 1, 1, W(PutMetricData, 1)),
    ];

    public static readonly Weighted<ServiceMix>[] LegacyService =
    [
        S("s3", 4, 4, W(ListBuckets, 1), W(GetObject, 3), W(PutObject, 3)),
        S("ec2", 2, 3, W(DescribeSnapshots, 2), W(DescribeVolumes, 1), W(CreateSnapshot, 0.5)),
        S("rds", 1, 2, W(DescribeDBSnapshots, 1), W(DescribeDBInstances, 1)),
    ];

    public static readonly Weighted<ApiCall>[] Root = [W(GetAccountSummary, 1), W(GetContactInformation, 1), W(GetAlternateContact, 1), W(GetCostAndUsage, 2), W(ListMFADevices, 1)];

    public static Weighted<ServiceMix>[] For(Persona persona) => persona switch
    {
        Persona.Developer => Developer,
        Persona.Analyst => Analyst,
        Persona.Ops => Ops,
        Persona.Auditor => Auditor,
        Persona.CiDeploy => CiDeploy,
        Persona.AppService => AppService,
        Persona.LambdaFunction => LambdaFunction,
        Persona.LegacyService => LegacyService,
        _ => Developer,
    };
}
