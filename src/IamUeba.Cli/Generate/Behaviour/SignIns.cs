using IamUeba.Cli.Generate.Catalog;
using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Behaviour;

/// <summary>
/// ConsoleLogin records as AWS writes them (awsdocs examples in the corpus): AwsConsoleSignIn, no
/// requestID, responseElements.ConsoleLogin, additionalEventData with LoginTo, MobileVersion and
/// MFAUsed. A failed IAM user sign-in has no ARN and an empty accessKeyId.
/// </summary>
internal static class SignIns
{
    public static TrailEvent IamUser(PopulationModel model, Principal p, Random rng, long time, string ip, string browser, bool success, bool mfaUsed)
    {
        var identity = success
            ? CallerIdentity.IamUser(model.Account, p.Name, p.UniqueId, null, null)
            : CallerIdentity.IamUser(model.Account, p.Name, p.UniqueId, "", null, withArn: false);
        var mfa = mfaUsed ? $",\"MFAIdentifier\":\"arn:aws:iam::{model.Account}:mfa/{p.Name}\",\"MFAUsed\":\"Yes\"" : ",\"MFAUsed\":\"No\"";
        return Make(model, identity, rng, time, ip, browser, success, $"{{\"LoginTo\":\"https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_{p.HomeRegion}_{RandomText.HexString(rng, 16)}\",\"MobileVersion\":\"No\"{mfa}}}");
    }

    public static TrailEvent Root(PopulationModel model, Random rng, long time, string ip, string browser) =>
        Make(model, CallerIdentity.Root(model.Account, "", null), rng, time, ip, browser, true,
            $"{{\"LoginTo\":\"https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true\",\"MobileVersion\":\"No\",\"MFAIdentifier\":\"arn:aws:iam::{model.Account}:mfa/root-account-mfa-device\",\"MFAUsed\":\"Yes\"}}");

    /// <summary>Identity Center federation into the account: MFA happened at the identity provider and is not visible here.</summary>
    public static TrailEvent IdentityCenter(PopulationModel model, Principal p, Random rng, long time, string ip, string browser, long sessionStart)
    {
        var identity = CallerIdentity.AssumedRole(model.Account, p.RoleName!, p.UniqueId, p.Name, null, new Session(sessionStart, false));
        return Make(model, identity, rng, time, ip, browser, true,
            $"{{\"LoginTo\":\"https://console.aws.amazon.com/console/home?region={p.HomeRegion}\",\"MobileVersion\":\"No\",\"MFAUsed\":\"No\",\"SamlProviderArn\":\"{model.SamlProviderArn}\"}}");
    }

    private static TrailEvent Make(PopulationModel model, CallerIdentity identity, Random rng, long time, string ip, string browser, bool success, string additional) => new()
    {
        Identity = identity,
        EventVersion = "1.09",
        EventSource = "signin.amazonaws.com",
        EventName = "ConsoleLogin",
        Region = "us-east-1",
        SourceIp = ip,
        UserAgent = browser,
        ErrorMessage = success ? null : "Failed authentication",
        ResponseElements = success ? "{\"ConsoleLogin\":\"Success\"}" : "{\"ConsoleLogin\":\"Failure\"}",
        AdditionalEventData = additional,
        RequestId = null,
        EventId = RandomText.Uuid(rng),
        ReadOnly = false,
        EventType = "AwsConsoleSignIn",
        RecipientAccountId = model.Account,
        TlsHost = "signin.aws.amazon.com",
        Time = time,
    };

    /// <summary>GetSessionToken with an MFA code: how a careful CLI user gets MFA-backed credentials.</summary>
    public static TrailEvent SessionToken(PopulationModel model, Principal p, Random rng, long time, string ip, string agent, string newKey)
    {
        var e = new TrailEvent
        {
            Identity = CallerIdentity.IamUser(model.Account, p.Name, p.UniqueId, p.AccessKeyId, null),
            EventSource = "sts.amazonaws.com",
            EventName = "GetSessionToken",
            Region = p.HomeRegion,
            SourceIp = ip,
            UserAgent = Agents.CliCommand(agent, "sts.amazonaws.com", "GetSessionToken"),
            RequestParameters = $"{{\"durationSeconds\":43200,\"serialNumber\":\"arn:aws:iam::{model.Account}:mfa/{p.Name}\"}}",
            ResponseElements = $"{{\"credentials\":{Json.Credentials(rng, newKey, time + 43200)}}}",
            EventId = RandomText.Uuid(rng),
            RequestId = RandomText.Uuid(rng),
            ReadOnly = true,
            RecipientAccountId = model.Account,
            TlsHost = $"sts.{p.HomeRegion}.amazonaws.com",
            Time = time,
        };
        return e;
    }
}
