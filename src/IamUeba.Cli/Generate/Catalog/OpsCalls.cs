namespace IamUeba.Cli.Generate.Catalog;

/// <summary>Deployment, logs, metrics, configuration, secrets, keys and the security services.</summary>
internal static class OpsCalls
{
    public static readonly ApiCall DescribeStacks = Cfn("DescribeStacks", true, c => $"{{\"stackName\":\"{c.Pick(c.R.Stacks)}\"}}");
    public static readonly ApiCall DescribeStackEvents = Cfn("DescribeStackEvents", true, c => $"{{\"stackName\":\"{c.Pick(c.R.Stacks)}\"}}");
    public static readonly ApiCall ListStacks = Cfn("ListStacks", true, _ => "{\"stackStatusFilter\":[\"CREATE_COMPLETE\",\"UPDATE_COMPLETE\",\"UPDATE_ROLLBACK_COMPLETE\"]}");
    public static readonly ApiCall GetTemplate = Cfn("GetTemplate", true, c => $"{{\"stackName\":\"{c.Pick(c.R.Stacks)}\",\"templateStage\":\"Original\"}}");
    public static readonly ApiCall DescribeChangeSet = Cfn("DescribeChangeSet", true, c => $"{{\"changeSetName\":\"deploy-{RandomText.HexString(c.Rng, 8)}\",\"stackName\":\"{c.Pick(c.R.Stacks)}\"}}");
    public static readonly ApiCall ExecuteChangeSet = Cfn("ExecuteChangeSet", false, c => $"{{\"changeSetName\":\"deploy-{RandomText.HexString(c.Rng, 8)}\",\"stackName\":\"{c.Pick(c.R.Stacks)}\"}}");

    public static readonly ApiCall CreateChangeSet = new("cloudformation.amazonaws.com", "CreateChangeSet", false, (c, e) =>
    {
        var stack = c.Pick(c.R.Stacks);
        var name = $"deploy-{RandomText.HexString(c.Rng, 8)}";
        e.TlsHost = $"cloudformation.{c.Region}.amazonaws.com";
        e.RequestParameters = $"{{\"stackName\":\"{stack}\",\"templateURL\":\"https://s3.{c.Region}.amazonaws.com/{c.R.Buckets[0]}/templates/{stack}.yaml\",\"parameters\":[{{\"parameterKey\":\"ImageTag\",\"parameterValue\":\"sha-{RandomText.HexString(c.Rng, 7)}\"}}],\"capabilities\":[\"CAPABILITY_IAM\",\"CAPABILITY_NAMED_IAM\"],\"changeSetName\":\"{name}\",\"changeSetType\":\"UPDATE\"}}";
        e.ResponseElements = $"{{\"id\":\"arn:aws:cloudformation:{c.Region}:{c.Account}:changeSet/{name}/{c.Uuid()}\",\"stackId\":\"arn:aws:cloudformation:{c.Region}:{c.Account}:stack/{stack}/{c.Uuid()}\"}}";
    });

    public static readonly ApiCall DescribeLogGroups = Logs("DescribeLogGroups", c => $"{{\"logGroupNamePrefix\":\"{c.Pick(c.R.LogGroups)}\"}}");
    public static readonly ApiCall DescribeLogStreams = Logs("DescribeLogStreams", c => $"{{\"logGroupName\":\"{c.Pick(c.R.LogGroups)}\",\"orderBy\":\"LastEventTime\",\"descending\":true,\"limit\":50}}");
    public static readonly ApiCall FilterLogEvents = Logs("FilterLogEvents", c => $"{{\"logGroupName\":\"{c.Pick(c.R.LogGroups)}\",\"startTime\":{(c.Time - 3600) * 1000},\"endTime\":{c.Time * 1000},\"filterPattern\":\"{c.Pick(["ERROR", "Exception", "timeout", "status=500"])}\",\"interleaved\":true}}");
    public static readonly ApiCall GetLogEvents = Logs("GetLogEvents", c => $"{{\"logGroupName\":\"{c.Pick(c.R.LogGroups)}\",\"logStreamName\":\"{DateTimeOffset.FromUnixTimeSeconds(c.Time).UtcDateTime:yyyy/MM/dd}/[$LATEST]{RandomText.HexString(c.Rng, 32)}\",\"startFromHead\":false}}");
    public static readonly ApiCall StartQuery = Logs("StartQuery", c => $"{{\"logGroupNames\":[\"{c.Pick(c.R.LogGroups)}\"],\"startTime\":{c.Time - 86400},\"endTime\":{c.Time},\"queryString\":\"fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 50\"}}");

    public static readonly ApiCall GetMetricData = Monitoring("GetMetricData", true, c => $"{{\"metricDataQueries\":[{{\"id\":\"m1\",\"metricStat\":{{\"metric\":{{\"namespace\":\"AWS/{c.Pick(["EC2", "Lambda", "ApplicationELB", "RDS"])}\",\"metricName\":\"{c.Pick(["CPUUtilization", "Errors", "Duration", "TargetResponseTime"])}\"}},\"period\":300,\"stat\":\"Average\"}},\"returnData\":true}}],\"startTime\":\"{TimeText.Expiration(c.Time - 10800)}\",\"endTime\":\"{TimeText.Expiration(c.Time)}\"}}");
    public static readonly ApiCall DescribeAlarms = Monitoring("DescribeAlarms", true, _ => "{\"stateValue\":\"ALARM\",\"maxRecords\":100}");
    public static readonly ApiCall PutMetricData = Monitoring("PutMetricData", false, c => $"{{\"namespace\":\"App/{c.Pick(Population.Names.Apps)}\",\"metricData\":[{{\"metricName\":\"{c.Pick(["Latency", "QueueDepth", "Processed"])}\",\"value\":{c.Rng.Next(1, 900)},\"unit\":\"Count\"}}]}}");

    public static readonly ApiCall GetParameter = Ssm("GetParameter", true, c => $"{{\"name\":\"{c.Pick(c.R.Parameters)}\",\"withDecryption\":false}}") with { BenignError = "ParameterNotFound", BenignRate = 0.03 };
    public static readonly ApiCall GetParameters = Ssm("GetParameters", true, c => $"{{\"names\":[\"{c.Pick(c.R.Parameters)}\",\"{c.Pick(c.R.Parameters)}\"],\"withDecryption\":true}}");
    public static readonly ApiCall GetParametersByPath = Ssm("GetParametersByPath", true, c => $"{{\"path\":\"/config/{c.Pick(Population.Names.Apps)}/\",\"recursive\":true,\"withDecryption\":false}}");
    public static readonly ApiCall DescribeInstanceInformation = Ssm("DescribeInstanceInformation", true, _ => "{\"maxResults\":50}");

    public static readonly ApiCall StartSession = new("ssm.amazonaws.com", "StartSession", false, (c, e) =>
    {
        var target = c.Pick(c.R.Instances);
        var id = $"{c.Principal.Name}-{RandomText.HexString(c.Rng, 17)}";
        e.TlsHost = $"ssm.{c.Region}.amazonaws.com";
        e.RequestParameters = $"{{\"target\":\"{target}\"}}";
        e.ResponseElements = $"{{\"sessionId\":\"{id}\",\"tokenValue\":\"Value hidden due to security reasons.\",\"streamUrl\":\"wss://ssmmessages.{c.Region}.amazonaws.com/v1/data-channel/{id}?role=publish_subscribe&cell-number={RandomText.Alphanumeric(c.Rng, 40)}\"}}";
        e.Resources = $"[{{\"accountId\":\"{c.Account}\",\"type\":\"AWS::EC2::Instance\",\"ARN\":\"arn:aws:ec2:{c.Region}:{c.Account}:instance/{target}\"}}]";
    });

    public static readonly ApiCall GetSecretValue = Secrets("GetSecretValue", c => $"{{\"secretId\":\"{c.Pick(c.R.Secrets)}\"}}");
    public static readonly ApiCall DescribeSecret = Secrets("DescribeSecret", c => $"{{\"secretId\":\"{c.Pick(c.R.Secrets)}\"}}");
    public static readonly ApiCall ListSecrets = Secrets("ListSecrets", _ => "{\"maxResults\":100}");

    public static readonly ApiCall Decrypt = Kms("Decrypt", c => c.Rng.Chance(0.5) ? "{\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}" : $"{{\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\",\"encryptionContext\":{{\"aws:lambda:FunctionArn\":\"arn:aws:lambda:{c.Region}:{c.Account}:function:{c.Pick(c.R.Functions)}\"}}}}");
    public static readonly ApiCall GenerateDataKey = Kms("GenerateDataKey", c => $"{{\"keyId\":\"alias/{c.Pick(Population.Names.Apps)}\",\"keySpec\":\"AES_256\",\"encryptionContext\":{{\"aws:s3:arn\":\"arn:aws:s3:::{c.Pick(c.R.Buckets)}\"}}}}");
    public static readonly ApiCall ListKeys = Kms("ListKeys", _ => "{\"limit\":100}");
    public static readonly ApiCall GetKeyRotationStatus = Kms("GetKeyRotationStatus", c => $"{{\"keyId\":\"{c.Pick(c.R.KmsKeys)}\"}}");

    public static readonly ApiCall DescribeTrails = Trail("DescribeTrails", true, _ => "{\"includeShadowTrails\":true}");
    public static readonly ApiCall GetTrailStatus = Trail("GetTrailStatus", true, c => $"{{\"name\":\"arn:aws:cloudtrail:us-east-1:{c.Account}:trail/management-events\"}}");
    public static readonly ApiCall GetEventSelectors = Trail("GetEventSelectors", true, _ => "{\"trailName\":\"management-events\"}");
    public static readonly ApiCall LookupEvents = Trail("LookupEvents", true, c => $"{{\"lookupAttributes\":[{{\"attributeKey\":\"EventName\",\"attributeValue\":\"{c.Pick(["ConsoleLogin", "RunInstances", "CreateUser", "PutBucketPolicy"])}\"}}],\"maxResults\":50}}");

    public static readonly ApiCall ListDetectors = Simple("guardduty.amazonaws.com", "ListDetectors", _ => null);
    public static readonly ApiCall ListFindings = Simple("guardduty.amazonaws.com", "ListFindings", c => $"{{\"detectorId\":\"{RandomText.HexString(c.Rng, 32)}\",\"findingCriteria\":{{\"criterion\":{{\"service.archived\":{{\"eq\":[\"false\"]}}}}}},\"maxResults\":50}}");
    public static readonly ApiCall GetFindings = Simple("guardduty.amazonaws.com", "GetFindings", c => $"{{\"detectorId\":\"{RandomText.HexString(c.Rng, 32)}\",\"findingIds\":[\"{RandomText.HexString(c.Rng, 32)}\"]}}");
    public static readonly ApiCall DescribeConfigRules = Simple("config.amazonaws.com", "DescribeConfigRules", _ => null);
    public static readonly ApiCall DescribeComplianceByConfigRule = Simple("config.amazonaws.com", "DescribeComplianceByConfigRule", _ => "{\"complianceTypes\":[\"NON_COMPLIANT\"]}");
    public static readonly ApiCall GetComplianceDetailsByConfigRule = Simple("config.amazonaws.com", "GetComplianceDetailsByConfigRule", c => $"{{\"configRuleName\":\"{c.Pick(["s3-bucket-public-read-prohibited", "iam-user-mfa-enabled", "restricted-ssh", "cloudtrail-enabled"])}\",\"complianceTypes\":[\"NON_COMPLIANT\"],\"limit\":100}}");
    public static readonly ApiCall SecurityHubGetFindings = Simple("securityhub.amazonaws.com", "GetFindings", _ => "{\"filters\":{\"RecordState\":[{\"Value\":\"ACTIVE\",\"Comparison\":\"EQUALS\"}],\"SeverityLabel\":[{\"Value\":\"HIGH\",\"Comparison\":\"EQUALS\"}]},\"maxResults\":100}");
    public static readonly ApiCall DescribeTable = Simple("dynamodb.amazonaws.com", "DescribeTable", c => $"{{\"tableName\":\"{c.Pick(c.R.Tables)}\"}}");
    public static readonly ApiCall ListTables = Simple("dynamodb.amazonaws.com", "ListTables", _ => null);

    public static readonly ApiCall ListHostedZones = new("route53.amazonaws.com", "ListHostedZones", true, (c, e) =>
    {
        e.Region = "us-east-1";
        e.TlsHost = "route53.amazonaws.com";
    })
    { Global = true };

    public static readonly ApiCall GetCostAndUsage = new("ce.amazonaws.com", "GetCostAndUsage", true, (c, e) =>
    {
        e.Region = "us-east-1";
        e.TlsHost = "ce.us-east-1.amazonaws.com";
        e.RequestParameters = $"{{\"timePeriod\":{{\"start\":\"{DateTimeOffset.FromUnixTimeSeconds(c.Time - (30 * 86400)).UtcDateTime:yyyy-MM-dd}\",\"end\":\"{DateTimeOffset.FromUnixTimeSeconds(c.Time).UtcDateTime:yyyy-MM-dd}\"}},\"granularity\":\"MONTHLY\",\"metrics\":[\"UnblendedCost\"],\"groupBy\":[{{\"type\":\"DIMENSION\",\"key\":\"SERVICE\"}}]}}";
    })
    { Global = true };

    public static readonly ApiCall GetContactInformation = new("account.amazonaws.com", "GetContactInformation", true, (c, e) =>
    {
        e.Region = "us-east-1";
        e.TlsHost = "account.us-east-1.amazonaws.com";
    })
    { Global = true };

    public static readonly ApiCall GetAlternateContact = new("account.amazonaws.com", "GetAlternateContact", true, (c, e) =>
    {
        e.Region = "us-east-1";
        e.TlsHost = "account.us-east-1.amazonaws.com";
        e.RequestParameters = "{\"alternateContactType\":\"SECURITY\"}";
    })
    { Global = true, BenignError = "ResourceNotFoundException", BenignMessage = "No contact of the inputted alternate contact type found.", BenignRate = 0.5 };

    private static ApiCall Cfn(string name, bool readOnly, Func<CallContext, string> request) => Service("cloudformation", name, readOnly, request);

    private static ApiCall Logs(string name, Func<CallContext, string> request) => Service("logs", name, true, request);

    private static ApiCall Monitoring(string name, bool readOnly, Func<CallContext, string> request) => Service("monitoring", name, readOnly, request);

    private static ApiCall Ssm(string name, bool readOnly, Func<CallContext, string> request) => Service("ssm", name, readOnly, request);

    private static ApiCall Secrets(string name, Func<CallContext, string> request) => Service("secretsmanager", name, true, request);

    private static ApiCall Trail(string name, bool readOnly, Func<CallContext, string> request) => Service("cloudtrail", name, readOnly, request);

    private static ApiCall Kms(string name, Func<CallContext, string> request) => new("kms.amazonaws.com", name, true, (c, e) =>
    {
        e.TlsHost = $"kms.{c.Region}.amazonaws.com";
        e.RequestParameters = request(c);
        var key = c.R.KeyArn(c.Region, c.Pick(c.R.KmsKeys));
        e.Resources = Json.Resource("AWS::KMS::Key", key, c.Account);
        e.LookupResources = [("AWS::KMS::Key", key)];
    });

    private static ApiCall Simple(string source, string name, Func<CallContext, string?> request) => new(source, name, true, (c, e) =>
    {
        e.TlsHost = $"{source[..source.IndexOf('.', StringComparison.Ordinal)]}.{c.Region}.amazonaws.com";
        e.RequestParameters = request(c);
    });

    private static ApiCall Service(string prefix, string name, bool readOnly, Func<CallContext, string> request) => new($"{prefix}.amazonaws.com", name, readOnly, (c, e) =>
    {
        e.TlsHost = $"{prefix}.{c.Region}.amazonaws.com";
        e.RequestParameters = request(c);
    });
}
