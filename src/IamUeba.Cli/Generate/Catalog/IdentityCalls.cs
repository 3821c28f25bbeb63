namespace IamUeba.Cli.Generate.Catalog;

/// <summary>IAM and STS: reads everyone makes, and the writes only administrators make (with MFA).</summary>
internal static class IdentityCalls
{
    private const string Iam = "iam.amazonaws.com";
    private const string Sts = "sts.amazonaws.com";

    public static readonly ApiCall GetCallerIdentity = new(Sts, "GetCallerIdentity", true, (c, e) => e.TlsHost = $"sts.{c.Region}.amazonaws.com");

    public static readonly ApiCall ListUsers = IamRead("ListUsers", null);
    public static readonly ApiCall ListRoles = IamRead("ListRoles", null);
    public static readonly ApiCall GetAccountSummary = IamRead("GetAccountSummary", null);
    public static readonly ApiCall GenerateCredentialReport = IamRead("GenerateCredentialReport", null);
    public static readonly ApiCall GetCredentialReport = IamRead("GetCredentialReport", null);
    public static readonly ApiCall ListPolicies = IamRead("ListPolicies", _ => "{\"scope\":\"Local\",\"onlyAttached\":false}");
    public static readonly ApiCall GetAccountPasswordPolicy = IamRead("GetAccountPasswordPolicy", null) with { BenignError = "NoSuchEntityException", BenignMessage = "The Password Policy with domain name cannot be found.", BenignRate = 0.3 };
    public static readonly ApiCall GetUser = IamRead("GetUser", c => $"{{\"userName\":\"{User(c)}\"}}");
    public static readonly ApiCall ListAccessKeys = IamRead("ListAccessKeys", c => $"{{\"userName\":\"{User(c)}\"}}");
    public static readonly ApiCall ListMFADevices = IamRead("ListMFADevices", c => $"{{\"userName\":\"{User(c)}\"}}");
    public static readonly ApiCall ListGroupsForUser = IamRead("ListGroupsForUser", c => $"{{\"userName\":\"{User(c)}\"}}");
    public static readonly ApiCall GetRole = IamRead("GetRole", c => $"{{\"roleName\":\"{Role(c)}\"}}");
    public static readonly ApiCall ListAttachedRolePolicies = IamRead("ListAttachedRolePolicies", c => $"{{\"roleName\":\"{Role(c)}\"}}");
    public static readonly ApiCall GetPolicyVersion = IamRead("GetPolicyVersion", c => $"{{\"policyArn\":\"{Arns.Policy(c.Account, c.Pick(Population.Names.Apps) + "-access")}\",\"versionId\":\"v{c.Rng.Next(1, 6)}\"}}");
    public static readonly ApiCall GetAccessKeyLastUsed = IamRead("GetAccessKeyLastUsed", c => $"{{\"accessKeyId\":\"{RandomText.AwsId(c.Rng, "AKIA")}\"}}");
    public static readonly ApiCall GetAccountAuthorizationDetails = IamRead("GetAccountAuthorizationDetails", _ => "{\"filter\":[\"User\",\"Role\",\"Group\",\"LocalManagedPolicy\"]}");

    public static readonly ApiCall CreateRole = IamWrite("CreateRole", (c, e) =>
    {
        var role = $"{c.Pick(Population.Names.Apps)}-{RandomText.HexString(c.Rng, 6)}-role";
        e.RequestParameters = $"{{\"roleName\":\"{role}\",\"assumeRolePolicyDocument\":{Json.TrustPolicy("{\"Service\":\"ecs-tasks.amazonaws.com\"}")},\"maxSessionDuration\":3600}}";
        e.ResponseElements = $"{{\"role\":{{\"path\":\"/\",\"roleName\":\"{role}\",\"roleId\":\"{RandomText.AwsId(c.Rng, "AROA", 17)}\",\"arn\":\"{Arns.Role(c.Account, role)}\",\"createDate\":\"{TimeText.Expiration(c.Time)}\"}}}}";
    });

    public static readonly ApiCall AttachRolePolicy = IamWrite("AttachRolePolicy", (c, e) =>
        e.RequestParameters = $"{{\"roleName\":\"{Role(c)}\",\"policyArn\":\"arn:aws:iam::aws:policy/{c.Pick(["AmazonS3ReadOnlyAccess", "CloudWatchAgentServerPolicy", "AmazonSSMManagedInstanceCore"])}\"}}");

    public static readonly ApiCall PutRolePolicy = IamWrite("PutRolePolicy", (c, e) =>
        e.RequestParameters = $"{{\"roleName\":\"{Role(c)}\",\"policyName\":\"{c.Pick(Population.Names.Apps)}-access\",\"policyDocument\":{Json.Policy("[\"s3:GetObject\",\"s3:PutObject\"]", $"arn:aws:s3:::{c.Pick(c.R.Buckets)}/*")}}}");

    public static readonly ApiCall CreateAccessKey = IamWrite("CreateAccessKey", (c, e) =>
    {
        // Key rotation: people rotate their own key.
        var user = c.Principal.Name;
        e.RequestParameters = $"{{\"userName\":\"{user}\"}}";
        e.ResponseElements = $"{{\"accessKey\":{{\"userName\":\"{user}\",\"accessKeyId\":\"{RandomText.AwsId(c.Rng, "AKIA")}\",\"status\":\"Active\",\"createDate\":\"{TimeText.Expiration(c.Time)}\"}}}}";
    });

    public static readonly ApiCall UpdateAccessKey = IamWrite("UpdateAccessKey", (c, e) =>
        e.RequestParameters = $"{{\"userName\":\"{c.Principal.Name}\",\"accessKeyId\":\"{RandomText.AwsId(c.Rng, "AKIA")}\",\"status\":\"Inactive\"}}");

    public static readonly ApiCall DeleteAccessKey = IamWrite("DeleteAccessKey", (c, e) =>
        e.RequestParameters = $"{{\"userName\":\"{c.Principal.Name}\",\"accessKeyId\":\"{RandomText.AwsId(c.Rng, "AKIA")}\"}}");

    public static readonly ApiCall AddUserToGroup = IamWrite("AddUserToGroup", (c, e) =>
        e.RequestParameters = $"{{\"groupName\":\"{c.Pick(["developers", "analysts", "readonly"])}\",\"userName\":\"{User(c)}\"}}");

    public static readonly ApiCall CreatePolicy = IamWrite("CreatePolicy", (c, e) =>
    {
        var name = $"{c.Pick(Population.Names.Apps)}-{RandomText.HexString(c.Rng, 4)}-access";
        e.RequestParameters = $"{{\"policyName\":\"{name}\",\"policyDocument\":{Json.Policy("[\"dynamodb:GetItem\",\"dynamodb:Query\"]", $"arn:aws:dynamodb:*:{c.Account}:table/{c.Pick(c.R.Tables)}")}}}";
        e.ResponseElements = $"{{\"policy\":{{\"policyName\":\"{name}\",\"policyId\":\"{RandomText.AwsId(c.Rng, "ANPA", 17)}\",\"arn\":\"{Arns.Policy(c.Account, name)}\",\"path\":\"/\",\"defaultVersionId\":\"v1\",\"attachmentCount\":0,\"isAttachable\":true,\"createDate\":\"{TimeText.Expiration(c.Time)}\",\"updateDate\":\"{TimeText.Expiration(c.Time)}\"}}}}";
    });

    private static ApiCall IamRead(string name, Func<CallContext, string>? request) => new(Iam, name, true, (c, e) =>
    {
        e.Region = "us-east-1";
        e.TlsHost = "iam.amazonaws.com";
        e.RequestParameters = request?.Invoke(c);
    })
    { Global = true };

    private static ApiCall IamWrite(string name, Fill fill) => new(Iam, name, false, (c, e) =>
    {
        e.Region = "us-east-1";
        e.TlsHost = "iam.amazonaws.com";
        fill(c, e);
    })
    { Global = true, NeedsMfa = true };

    private static string User(CallContext c) => c.R.Users.Count == 0 ? c.Principal.Name : c.R.Users[c.Rng.Next(c.R.Users.Count)];

    private static string Role(CallContext c)
    {
        var roles = c.Model.Principals;
        for (var i = 0; i < 8; i++)
        {
            var p = roles[c.Rng.Next(roles.Count)];
            if (p.Kind == Population.PrincipalKind.Role)
            {
                return p.Name;
            }
        }

        return "OrganizationAccountAccessRole";
    }
}
