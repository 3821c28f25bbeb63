namespace IamUeba.Cli.Generate.Catalog;

/// <summary>EC2, Lambda, ECS, ECR, load balancers and RDS: mostly Describe calls, some deploy writes.</summary>
internal static class ComputeCalls
{
    private const string Ec2 = "ec2.amazonaws.com";
    private const string Lambda = "lambda.amazonaws.com";
    private const string Ecs = "ecs.amazonaws.com";
    private const string Ecr = "ecr.amazonaws.com";

    public static readonly ApiCall DescribeInstances = Ec2Read("DescribeInstances", c => c.Rng.Chance(0.5)
        ? "{\"instancesSet\":{},\"filterSet\":{}}"
        : $"{{\"instancesSet\":{{\"items\":[{{\"instanceId\":\"{c.Pick(c.R.Instances)}\"}}]}},\"filterSet\":{{}}}}");

    public static readonly ApiCall DescribeSecurityGroups = Ec2Read("DescribeSecurityGroups", c =>
        $"{{\"securityGroupSet\":{{}},\"securityGroupIdSet\":{{}},\"filterSet\":{{\"items\":[{{\"name\":\"vpc-id\",\"valueSet\":{{\"items\":[{{\"value\":\"{c.Pick(c.R.Vpcs)}\"}}]}}}}]}}}}");

    public static readonly ApiCall DescribeVpcs = Ec2Read("DescribeVpcs", _ => "{\"vpcSet\":{},\"filterSet\":{}}");
    public static readonly ApiCall DescribeSubnets = Ec2Read("DescribeSubnets", _ => "{\"subnetSet\":{},\"filterSet\":{}}");
    public static readonly ApiCall DescribeVolumes = Ec2Read("DescribeVolumes", _ => "{\"volumeSet\":{},\"filterSet\":{}}");
    public static readonly ApiCall DescribeSnapshots = Ec2Read("DescribeSnapshots", _ => "{\"snapshotSet\":{},\"ownersSet\":{\"items\":[{\"owner\":\"self\"}]},\"sharedUsersSet\":{},\"filterSet\":{}}");
    public static readonly ApiCall DescribeImages = Ec2Read("DescribeImages", _ => "{\"executableBySet\":{},\"imagesSet\":{},\"ownersSet\":{\"items\":[{\"owner\":\"self\"}]},\"filterSet\":{}}");
    public static readonly ApiCall DescribeFlowLogs = Ec2Read("DescribeFlowLogs", _ => "{\"flowLogIds\":{},\"filterSet\":{}}");
    public static readonly ApiCall DescribeRegions = Ec2Read("DescribeRegions", _ => "{\"regionSet\":{},\"allRegions\":false}");
    public static readonly ApiCall DescribeNetworkInterfaces = Ec2Read("DescribeNetworkInterfaces", _ => "{\"networkInterfaceIdSet\":{},\"filterSet\":{}}");

    public static readonly ApiCall CreateTags = Ec2Write("CreateTags", (c, e) =>
    {
        e.RequestParameters = $"{{\"resourcesSet\":{{\"items\":[{{\"resourceId\":\"{c.Pick(c.R.Instances)}\"}}]}},\"tagSet\":{{\"items\":[{{\"key\":\"owner\",\"value\":\"{c.Principal.Name}\"}}]}}}}";
        e.ResponseElements = $"{{\"requestId\":\"{e.RequestId}\",\"_return\":true}}";
    });

    public static readonly ApiCall StartInstances = Ec2Write("StartInstances", (c, e) => StateChange(c, e, "pending", 0, "stopped", 80));
    public static readonly ApiCall StopInstances = Ec2Write("StopInstances", (c, e) => StateChange(c, e, "stopping", 64, "running", 16));

    public static readonly ApiCall CreateSnapshot = Ec2Write("CreateSnapshot", (c, e) =>
    {
        var volume = "vol-0" + RandomText.HexString(c.Rng, 16);
        e.RequestParameters = $"{{\"volumeId\":\"{volume}\",\"description\":\"nightly backup\"}}";
        e.ResponseElements = $"{{\"requestId\":\"{e.RequestId}\",\"snapshotId\":\"snap-0{RandomText.HexString(c.Rng, 16)}\",\"volumeId\":\"{volume}\",\"status\":\"pending\",\"startTime\":{c.Time * 1000},\"progress\":\"\",\"ownerId\":\"{c.Account}\",\"volumeSize\":{c.Rng.Next(8, 500)},\"encrypted\":true}}";
    });

    public static readonly ApiCall AuthorizeSecurityGroupIngress = Ec2Write("AuthorizeSecurityGroupIngress", (c, e) =>
    {
        var sg = c.Pick(c.R.SecurityGroups);
        e.RequestParameters = $"{{\"groupId\":\"{sg}\",\"ipPermissions\":{{\"items\":[{{\"ipProtocol\":\"tcp\",\"fromPort\":443,\"toPort\":443,\"groups\":{{}},\"ipRanges\":{{\"items\":[{{\"cidrIp\":\"10.0.0.0/16\"}}]}},\"ipv6Ranges\":{{}},\"prefixListIds\":{{}}}}]}}}}";
        e.ResponseElements = $"{{\"requestId\":\"{e.RequestId}\",\"_return\":true,\"securityGroupRuleSet\":{{\"items\":[{{\"groupOwnerId\":\"{c.Account}\",\"groupId\":\"{sg}\",\"securityGroupRuleId\":\"sgr-0{RandomText.HexString(c.Rng, 16)}\",\"isEgress\":false,\"ipProtocol\":\"tcp\",\"fromPort\":443,\"toPort\":443,\"cidrIpv4\":\"10.0.0.0/16\"}}]}}}}";
    }) with { NeedsMfa = true };

    public static readonly ApiCall ListFunctions = new(Lambda, "ListFunctions20150331", true, (c, e) => e.TlsHost = $"lambda.{c.Region}.amazonaws.com");
    public static readonly ApiCall GetFunction = new(Lambda, "GetFunction20150331v2", true, (c, e) => FunctionRequest(c, e));
    public static readonly ApiCall GetFunctionConfiguration = new(Lambda, "GetFunctionConfiguration20150331v2", true, (c, e) => FunctionRequest(c, e));

    public static readonly ApiCall UpdateFunctionCode = new(Lambda, "UpdateFunctionCode20150331v2", false, (c, e) =>
    {
        var fn = FunctionRequest(c, e);
        e.RequestParameters = $"{{\"functionName\":\"{fn}\",\"publish\":false,\"dryRun\":false,\"s3Bucket\":\"{c.R.Buckets[0]}\",\"s3Key\":\"builds/{fn}/{RandomText.HexString(c.Rng, 12)}.zip\"}}";
        e.ResponseElements = $"{{\"functionName\":\"{fn}\",\"functionArn\":\"arn:aws:lambda:{c.Region}:{c.Account}:function:{fn}\",\"runtime\":\"nodejs20.x\",\"handler\":\"index.handler\",\"codeSize\":{c.Rng.Next(100_000, 9_000_000)},\"timeout\":30,\"memorySize\":512,\"lastModified\":\"{DateTimeOffset.FromUnixTimeSeconds(c.Time).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.000+0000\",\"codeSha256\":\"{Json.AmzId2(c.Rng)[..44]}\",\"version\":\"$LATEST\",\"tracingConfig\":{{\"mode\":\"PassThrough\"}},\"revisionId\":\"{c.Uuid()}\",\"state\":\"Active\",\"lastUpdateStatus\":\"InProgress\",\"packageType\":\"Zip\",\"architectures\":[\"x86_64\"]}}";
    });

    public static readonly ApiCall DescribeServices = EcsCall("DescribeServices", true, c => $"{{\"cluster\":\"{c.Pick(c.R.Clusters)}\",\"services\":[\"{c.Pick(Population.Names.Apps)}\"]}}");
    public static readonly ApiCall ListTasks = EcsCall("ListTasks", true, c => $"{{\"cluster\":\"{c.Pick(c.R.Clusters)}\",\"serviceName\":\"{c.Pick(Population.Names.Apps)}\"}}");
    public static readonly ApiCall DescribeTasks = EcsCall("DescribeTasks", true, c => $"{{\"cluster\":\"{c.Pick(c.R.Clusters)}\",\"tasks\":[\"arn:aws:ecs:{c.Region}:{c.Account}:task/{c.Pick(c.R.Clusters)}/{RandomText.HexString(c.Rng, 32)}\"]}}");
    public static readonly ApiCall UpdateService = EcsCall("UpdateService", false, c => $"{{\"cluster\":\"{c.Pick(c.R.Clusters)}\",\"service\":\"{c.Pick(Population.Names.Apps)}\",\"taskDefinition\":\"{c.Pick(Population.Names.Apps)}:{c.Rng.Next(10, 300)}\",\"forceNewDeployment\":false}}");
    public static readonly ApiCall RegisterTaskDefinition = EcsCall("RegisterTaskDefinition", false, c =>
    {
        var app = c.Pick(Population.Names.Apps);
        return $"{{\"family\":\"{app}\",\"taskRoleArn\":\"{Arns.Role(c.Account, app + "-prod-task-role")}\",\"executionRoleArn\":\"{Arns.Role(c.Account, "ecsTaskExecutionRole")}\",\"networkMode\":\"awsvpc\",\"containerDefinitions\":[{{\"name\":\"{app}\",\"image\":\"{c.Account}.dkr.ecr.{c.Region}.amazonaws.com/{app}:sha-{RandomText.HexString(c.Rng, 7)}\",\"cpu\":512,\"memory\":1024,\"essential\":true}}],\"requiresCompatibilities\":[\"FARGATE\"],\"cpu\":\"512\",\"memory\":\"1024\"}}";
    });

    public static readonly ApiCall GetAuthorizationToken = new(Ecr, "GetAuthorizationToken", true, (c, e) => e.TlsHost = $"api.ecr.{c.Region}.amazonaws.com");
    public static readonly ApiCall DescribeRepositories = new(Ecr, "DescribeRepositories", true, (c, e) =>
    {
        e.TlsHost = $"api.ecr.{c.Region}.amazonaws.com";
        e.RequestParameters = $"{{\"repositoryNames\":[\"{c.Pick(c.R.Repositories)}\"]}}";
    });

    public static readonly ApiCall BatchGetImage = new(Ecr, "BatchGetImage", true, (c, e) =>
    {
        e.TlsHost = $"api.ecr.{c.Region}.amazonaws.com";
        e.RequestParameters = $"{{\"repositoryName\":\"{c.Pick(c.R.Repositories)}\",\"imageIds\":[{{\"imageTag\":\"latest\"}}],\"acceptedMediaTypes\":[\"application/vnd.docker.distribution.manifest.v2+json\",\"application/vnd.oci.image.manifest.v1+json\"]}}";
    });

    public static readonly ApiCall PutImage = new(Ecr, "PutImage", false, (c, e) =>
    {
        var repo = c.Pick(c.R.Repositories);
        var tag = "sha-" + RandomText.HexString(c.Rng, 7);
        e.TlsHost = $"api.ecr.{c.Region}.amazonaws.com";
        e.RequestParameters = $"{{\"repositoryName\":\"{repo}\",\"imageTag\":\"{tag}\",\"imageManifestMediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"}}";
        e.ResponseElements = $"{{\"image\":{{\"registryId\":\"{c.Account}\",\"repositoryName\":\"{repo}\",\"imageId\":{{\"imageDigest\":\"sha256:{RandomText.HexString(c.Rng, 64)}\",\"imageTag\":\"{tag}\"}}}}}}";
    });

    public static readonly ApiCall DescribeLoadBalancers = new("elasticloadbalancing.amazonaws.com", "DescribeLoadBalancers", true, (c, e) => e.TlsHost = $"elasticloadbalancing.{c.Region}.amazonaws.com");
    public static readonly ApiCall DescribeTargetHealth = new("elasticloadbalancing.amazonaws.com", "DescribeTargetHealth", true, (c, e) =>
    {
        e.TlsHost = $"elasticloadbalancing.{c.Region}.amazonaws.com";
        e.RequestParameters = $"{{\"targetGroupArn\":\"arn:aws:elasticloadbalancing:{c.Region}:{c.Account}:targetgroup/{c.Pick(Population.Names.Apps)}-tg/{RandomText.HexString(c.Rng, 16)}\"}}";
    });

    public static readonly ApiCall DescribeAutoScalingGroups = new("autoscaling.amazonaws.com", "DescribeAutoScalingGroups", true, (c, e) => e.TlsHost = $"autoscaling.{c.Region}.amazonaws.com");
    public static readonly ApiCall DescribeDBInstances = new("rds.amazonaws.com", "DescribeDBInstances", true, (c, e) => e.TlsHost = $"rds.{c.Region}.amazonaws.com");
    public static readonly ApiCall DescribeDBSnapshots = new("rds.amazonaws.com", "DescribeDBSnapshots", true, (c, e) =>
    {
        e.TlsHost = $"rds.{c.Region}.amazonaws.com";
        e.RequestParameters = $"{{\"dBInstanceIdentifier\":\"{c.Pick(Population.Names.Apps)}-prod\",\"includeShared\":false,\"includePublic\":false}}";
    });

    private static ApiCall Ec2Read(string name, Func<CallContext, string> request) => new(Ec2, name, true, (c, e) =>
    {
        e.TlsHost = $"ec2.{c.Region}.amazonaws.com";
        e.RequestParameters = request(c);
    });

    private static ApiCall Ec2Write(string name, Fill fill) => new(Ec2, name, false, (c, e) =>
    {
        e.TlsHost = $"ec2.{c.Region}.amazonaws.com";
        fill(c, e);
    });

    private static void StateChange(CallContext c, TrailEvent e, string now, int nowCode, string before, int beforeCode)
    {
        var id = c.Pick(c.R.Instances);
        e.RequestParameters = $"{{\"instancesSet\":{{\"items\":[{{\"instanceId\":\"{id}\"}}]}}}}";
        e.ResponseElements = $"{{\"requestId\":\"{e.RequestId}\",\"instancesSet\":{{\"items\":[{{\"instanceId\":\"{id}\",\"currentState\":{{\"code\":{nowCode},\"name\":\"{now}\"}},\"previousState\":{{\"code\":{beforeCode},\"name\":\"{before}\"}}}}]}}}}";
    }

    private static string FunctionRequest(CallContext c, TrailEvent e)
    {
        var fn = c.Pick(c.R.Functions);
        e.TlsHost = $"lambda.{c.Region}.amazonaws.com";
        e.RequestParameters = $"{{\"functionName\":\"{fn}\"}}";
        e.Resources = null;
        return fn;
    }

    private static ApiCall EcsCall(string name, bool readOnly, Func<CallContext, string> request) => new(Ecs, name, readOnly, (c, e) =>
    {
        e.TlsHost = $"ecs.{c.Region}.amazonaws.com";
        e.RequestParameters = request(c);
    });
}
