using System.Text.Json.Nodes;

namespace IamUeba.Core.Tests.Support;

/// <summary>
/// Builds CloudTrail records shaped as AWS writes them (the fields, nesting and spellings of real
/// delivery files), so tests read like the events an analyst sees.
/// </summary>
public sealed class Record
{
    private static int _sequence;
    private readonly JsonObject _json;

    private Record(JsonObject identity, string account)
    {
        var n = Interlocked.Increment(ref _sequence);
        _json = new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = identity,
            ["eventTime"] = "2024-01-15T10:00:00Z",
            ["eventSource"] = "s3.amazonaws.com",
            ["eventName"] = "ListBuckets",
            ["awsRegion"] = "us-west-2",
            ["sourceIPAddress"] = "198.51.100.23",
            ["userAgent"] = "aws-cli/2.15.10 Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/s3.ls",
            ["requestParameters"] = null,
            ["responseElements"] = null,
            ["requestID"] = $"{n:X8}-1111-2222-3333-444455556666",
            ["eventID"] = $"{n:x8}-aaaa-4bbb-8ccc-{n:x12}",
            ["readOnly"] = true,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = true,
            ["recipientAccountId"] = account,
            ["eventCategory"] = "Management",
        };
    }

    public const string Account = "111122223333";

    /// <summary>An IAM user calling with session credentials (console or get-session-token), MFA as given.</summary>
    public static Record IamUser(string name, bool? mfa = true, string account = Account) =>
        new(new JsonObject
        {
            ["type"] = "IAMUser",
            ["principalId"] = "AIDA" + Pad(name),
            ["arn"] = $"arn:aws:iam::{account}:user/{name}",
            ["accountId"] = account,
            ["accessKeyId"] = "ASIA" + Pad(name),
            ["userName"] = name,
            ["sessionContext"] = new JsonObject
            {
                ["sessionIssuer"] = new JsonObject(),
                ["webIdFederationData"] = new JsonObject(),
                ["attributes"] = new JsonObject
                {
                    ["creationDate"] = "2024-01-15T08:55:00Z",
                    ["mfaAuthenticated"] = mfa is null ? null : mfa.Value ? "true" : "false",
                },
            },
        }, account);

    /// <summary>An IAM user signing with a long-term access key (AKIA...): no session, so no MFA.</summary>
    public static Record IamUserWithAccessKey(string name, string account = Account) =>
        new(new JsonObject
        {
            ["type"] = "IAMUser",
            ["principalId"] = "AIDA" + Pad(name),
            ["arn"] = $"arn:aws:iam::{account}:user/{name}",
            ["accountId"] = account,
            ["accessKeyId"] = "AKIA" + Pad(name),
            ["userName"] = name,
        }, account);

    public static Record AssumedRole(string role, string session, bool mfa = false, string account = Account) =>
        new(new JsonObject
        {
            ["type"] = "AssumedRole",
            ["principalId"] = $"AROA{Pad(role)}:{session}",
            ["arn"] = $"arn:aws:sts::{account}:assumed-role/{role}/{session}",
            ["accountId"] = account,
            ["accessKeyId"] = "ASIA" + Pad(session),
            ["sessionContext"] = new JsonObject
            {
                ["sessionIssuer"] = new JsonObject
                {
                    ["type"] = "Role",
                    ["principalId"] = "AROA" + Pad(role),
                    ["arn"] = $"arn:aws:iam::{account}:role/{role}",
                    ["accountId"] = account,
                    ["userName"] = role,
                },
                ["webIdFederationData"] = new JsonObject(),
                ["attributes"] = new JsonObject
                {
                    ["creationDate"] = "2024-01-15T08:55:00Z",
                    ["mfaAuthenticated"] = mfa ? "true" : "false",
                },
            },
        }, account);

    public static Record Root(string account = Account, bool mfa = false) =>
        new(new JsonObject
        {
            ["type"] = "Root",
            ["principalId"] = account,
            ["arn"] = $"arn:aws:iam::{account}:root",
            ["accountId"] = account,
            ["accessKeyId"] = "ASIAROOTEXAMPLE00001",
            ["sessionContext"] = new JsonObject
            {
                ["attributes"] = new JsonObject { ["creationDate"] = "2024-01-15T08:55:00Z", ["mfaAuthenticated"] = mfa ? "true" : "false" },
            },
        }, account);

    public static Record AwsService(string service) =>
        new(new JsonObject { ["type"] = "AWSService", ["invokedBy"] = service }, Account);

    public Record Call(string eventName, string eventSource, bool readOnly = false)
    {
        _json["eventName"] = eventName;
        _json["eventSource"] = eventSource;
        _json["readOnly"] = readOnly;
        if (eventSource is "iam.amazonaws.com")
        {
            // IAM is global: CloudTrail records it in us-east-1 wherever the caller is.
            _json["awsRegion"] = "us-east-1";
        }

        return this;
    }

    public Record Iam(string eventName) => Call(eventName, "iam.amazonaws.com", readOnly: eventName.StartsWith("Get", StringComparison.Ordinal) || eventName.StartsWith("List", StringComparison.Ordinal));

    public Record At(string isoTime)
    {
        _json["eventTime"] = isoTime;
        return this;
    }

    public Record At(DateTimeOffset time) => At(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

    public Record From(string sourceIp)
    {
        _json["sourceIPAddress"] = sourceIp;
        return this;
    }

    public Record In(string region)
    {
        _json["awsRegion"] = region;
        return this;
    }

    public Record Denied(string errorCode = "AccessDenied")
    {
        _json["errorCode"] = errorCode;
        _json["errorMessage"] = "User is not authorized to perform this operation because no identity-based policy allows it";
        return this;
    }

    public Record WithRequest(JsonObject parameters)
    {
        _json["requestParameters"] = parameters;
        return this;
    }

    public Record WithId(string eventId)
    {
        _json["eventID"] = eventId;
        return this;
    }

    public Record ConsoleLogin(bool success, string? mfaUsed)
    {
        _json["eventName"] = "ConsoleLogin";
        _json["eventSource"] = "signin.amazonaws.com";
        _json["eventType"] = "AwsConsoleSignIn";
        _json["awsRegion"] = "us-east-1";
        _json["readOnly"] = false;
        _json["userAgent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
        _json["responseElements"] = new JsonObject { ["ConsoleLogin"] = success ? "Success" : "Failure" };
        var extra = new JsonObject { ["LoginTo"] = "https://console.aws.amazon.com/console/home", ["MobileVersion"] = "No" };
        if (mfaUsed is not null)
        {
            extra["MFAUsed"] = mfaUsed;
        }

        _json["additionalEventData"] = extra;
        if (!success)
        {
            _json["errorMessage"] = "Failed authentication";
        }

        return this;
    }

    public Record Without(string field)
    {
        _json.Remove(field);
        return this;
    }

    public Record Set(string field, JsonNode? value)
    {
        _json[field] = value;
        return this;
    }

    public JsonObject Json => _json;

    public override string ToString() => _json.ToJsonString();

    /// <summary>{"Records":[...]} as CloudTrail delivers to S3.</summary>
    public static string File(IEnumerable<Record> records) =>
        new JsonObject { ["Records"] = new JsonArray(records.Select(r => (JsonNode)JsonNode.Parse(r.ToString())!).ToArray()) }.ToJsonString();

    public static string File(params Record[] records) => File((IEnumerable<Record>)records);

    private static string Pad(string value)
    {
        var letters = new string(value.ToUpperInvariant().Where(char.IsLetterOrDigit).ToArray());
        return (letters + "EXAMPLE0000000000").Substring(0, 16);
    }
}
