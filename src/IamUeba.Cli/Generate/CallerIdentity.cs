using System.Text;
using System.Text.Json;

namespace IamUeba.Cli.Generate;

/// <summary>
/// A rendered <c>userIdentity</c> block, built once per principal session and reused by all its
/// events. The shapes follow what AWS writes per identity type (the awsdocs and Stratus records in
/// the shared corpus): an IAM user on long-term keys has no sessionContext, a session has one with
/// mfaAuthenticated, a failed sign-in has no ARN and an empty accessKeyId.
/// </summary>
internal sealed class CallerIdentity
{
    private CallerIdentity(string type, byte[] json, string? userName, string? accessKeyId)
    {
        Type = type;
        Json = json;
        LookupUserName = userName;
        AccessKeyId = accessKeyId;
    }

    public string Type { get; }

    /// <summary>The userIdentity object as UTF-8 JSON.</summary>
    public byte[] Json { get; }

    /// <summary>What lookup-events shows as Username: the user, the role session, or root.</summary>
    public string? LookupUserName { get; }

    public string? AccessKeyId { get; }

    public static CallerIdentity IamUser(string account, string userName, string userId, string? accessKeyId, Session? session, bool withArn = true) =>
        Render("IAMUser", userName, accessKeyId, w =>
        {
            w.WriteString("type", "IAMUser");
            w.WriteString("principalId", userId);
            if (withArn)
            {
                w.WriteString("arn", Arns.User(account, userName));
            }

            w.WriteString("accountId", account);
            if (accessKeyId is not null)
            {
                w.WriteString("accessKeyId", accessKeyId);
            }

            w.WriteString("userName", userName);
            if (session is { } s)
            {
                WriteSessionContext(w, s, issuer: null);
            }
        });

    public static CallerIdentity Root(string account, string? accessKeyId, Session? session) =>
        Render("Root", "root", accessKeyId, w =>
        {
            w.WriteString("type", "Root");
            w.WriteString("principalId", account);
            w.WriteString("arn", Arns.Root(account));
            w.WriteString("accountId", account);
            if (accessKeyId is not null)
            {
                w.WriteString("accessKeyId", accessKeyId);
            }

            if (session is { } s)
            {
                WriteSessionContext(w, s, issuer: null);
            }
        });

    /// <summary>A role session; <paramref name="invokedBy"/> when an AWS service (CloudFormation) used the session for its caller.</summary>
    public static CallerIdentity AssumedRole(string account, string roleName, string roleId, string sessionName, string? accessKeyId, Session session, string? invokedBy = null, bool ec2RoleDelivery = false) =>
        Render("AssumedRole", sessionName, accessKeyId, w =>
        {
            w.WriteString("type", "AssumedRole");
            w.WriteString("principalId", roleId + ":" + sessionName);
            w.WriteString("arn", Arns.AssumedRole(account, roleName, sessionName));
            w.WriteString("accountId", account);
            if (accessKeyId is not null)
            {
                w.WriteString("accessKeyId", accessKeyId);
            }

            WriteSessionContext(w, session, (roleName, roleId, account), ec2RoleDelivery);
            if (invokedBy is not null)
            {
                w.WriteString("invokedBy", invokedBy);
            }
        });

    public static CallerIdentity AwsService(string invokedBy) =>
        Render("AWSService", null, null, w =>
        {
            w.WriteString("type", "AWSService");
            w.WriteString("invokedBy", invokedBy);
        });

    /// <summary>What AwsServiceEvent records carry: the account and the service, no type.</summary>
    public static CallerIdentity ServiceEvent(string account, string invokedBy) =>
        Render("AWSService", null, null, w =>
        {
            w.WriteString("accountId", account);
            w.WriteString("invokedBy", invokedBy);
        });

    private static void WriteSessionContext(Utf8JsonWriter w, Session s, (string Name, string Id, string Account)? issuer, bool ec2RoleDelivery = false)
    {
        w.WriteStartObject("sessionContext");
        w.WriteStartObject("sessionIssuer");
        if (issuer is { } i)
        {
            w.WriteString("type", "Role");
            w.WriteString("principalId", i.Id);
            w.WriteString("arn", Arns.Role(i.Account, i.Name));
            w.WriteString("accountId", i.Account);
            w.WriteString("userName", i.Name);
        }

        w.WriteEndObject();
        w.WriteStartObject("webIdFederationData");
        w.WriteEndObject();
        w.WriteStartObject("attributes");
        w.WriteString("creationDate", TimeText.Iso(s.CreatedAt));
        w.WriteString("mfaAuthenticated", s.MfaAuthenticated ? "true" : "false");
        w.WriteEndObject();
        if (ec2RoleDelivery)
        {
            w.WriteString("ec2RoleDelivery", "2.0");
        }

        w.WriteEndObject();
    }

    private static CallerIdentity Render(string type, string? userName, string? accessKeyId, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream(512);
        using (var w = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return new CallerIdentity(type, buffer.ToArray(), userName, accessKeyId);
    }

    public override string ToString() => Encoding.UTF8.GetString(Json);
}

/// <summary>Temporary credentials: when they were issued and whether MFA was presented for them.</summary>
internal readonly record struct Session(long CreatedAt, bool MfaAuthenticated);
