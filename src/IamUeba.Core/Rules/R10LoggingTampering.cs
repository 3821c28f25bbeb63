using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Rules;

/// <summary>Logging and detection tampering: an attempt counts, successful or not.</summary>
public sealed class R10LoggingTampering : SignatureRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.LoggingTampering,
        SettingsKey: "R10",
        Title: "Logging or detection tampering",
        Description: "Calls that stop, delete or blind CloudTrail, GuardDuty, Security Hub, Config, VPC flow logs, Route 53 resolver query logs, or take the account out of its organization. An attempt counts even when it was denied: the intent is the signal.",
        Mitre: ["T1562.008", "T1562.001", "T1070"],
        FalsePositives: "Planned decommissioning of trails or detectors; infrastructure-as-code replacing a trail (DeleteTrail then CreateTrail); PutEventSelectors/UpdateTrail that add coverage rather than remove it.",
        Recommendation: "Confirm the logging change was planned; if not, restore the trail or detector at once, rotate the principal's credentials and review what it did while logging was off.",
        Comparison: ">=");

    /// <summary>The actions attackers use to hide (Stratus Red Team's defence-evasion techniques and their kin).</summary>
    public static readonly IReadOnlySet<string> Actions = new HashSet<string>(StringComparer.Ordinal)
    {
        "StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "PutInsightSelectors", "DeleteEventDataStore", "StopEventDataStoreIngestion",
        "DeleteDetector", "UpdateDetector", "DeleteMembers", "DisassociateFromMasterAccount", "DisassociateFromAdministratorAccount", "DeletePublishingDestination",
        "DeleteFlowLogs", "DisableSecurityHub", "DeleteConfigurationRecorder", "StopConfigurationRecorder", "DeleteDeliveryChannel",
        "DeleteResolverQueryLogConfig", "DisassociateResolverQueryLogConfig", "LeaveOrganization", "DisableOrganizationAdminAccount",
        "DeleteLogGroup", "DeleteLogStream", "PutRetentionPolicy",
    };

    public override RuleDescriptor Descriptor => Info;

    public override IReadOnlySet<string> EventNames => Actions;

    public override bool Matches(CloudTrailEvent e, PrincipalIdentity principal) => Actions.Contains(e.EventName!);
}
