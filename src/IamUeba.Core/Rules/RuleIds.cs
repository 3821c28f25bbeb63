namespace IamUeba.Core.Rules;

/// <summary>Rule ids as the prototype named them: users' scripts match on these strings.</summary>
public static class RuleIds
{
    public const string OffHours = "R01_OFF_HOURS";
    public const string HighRiskRatio = "R02_HIGH_RISK_RATIO";
    public const string NoMfa = "R03_NO_MFA";
    public const string MultiIp = "R04_MULTI_IP";
    public const string HighFailRate = "R05_HIGH_FAIL_RATE";
    public const string ConsecutiveFailures = "R06_CONSEC_FAIL";
    public const string AdminAbuse = "R07_ADMIN_ABUSE";
    public const string MultiRegion = "R08_MULTI_REGION";
    public const string EventBurst = "R09_EVENT_BURST";
    public const string LoggingTampering = "R10_LOGGING_TAMPERING";
    public const string RootActivity = "R11_ROOT_ACTIVITY";
    public const string CredentialsForOthers = "R12_CREDENTIALS_FOR_OTHERS";
    public const string AdminPolicyAttached = "R13_ADMIN_POLICY";
    public const string SnapshotShared = "R14_SNAPSHOT_SHARED";
    public const string LoginAfterFailures = "R15_LOGIN_AFTER_FAILURES";
    public const string RootHighRisk = "R16_ROOT_HIGH_RISK";
    public const string SecretsHarvest = "R17_SECRETS_HARVEST";
    public const string AccessOpenedOutside = "R18_ACCESS_OPENED_OUTSIDE";
    public const string AdminPortOpenToInternet = "R19_ADMIN_PORT_OPEN";
}
