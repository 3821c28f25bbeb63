namespace IamUeba.Core.Features;

/// <summary>Event names that are high-risk or administrative. Defaults are the prototype's lists and more; configuration adds to them.</summary>
public sealed class ActionCatalog
{
    /// <summary>The prototype's high-risk list, then privilege escalation, persistence, defence evasion and data exposure.</summary>
    public static readonly IReadOnlyList<string> DefaultHighRisk =
    [
        // The prototype's list.
        "CreateUser", "DeleteUser", "AttachUserPolicy", "DetachUserPolicy", "PutUserPolicy", "CreateRole", "DeleteRole",
        "AttachRolePolicy", "CreateAccessKey", "DeleteAccessKey", "UpdateAccessKey", "CreateLoginProfile", "UpdateLoginProfile",
        "AssumeRole", "ConsoleLogin", "AuthorizeSecurityGroupIngress", "CreateVpc",

        // IAM writes used to escalate and persist.
        "PutRolePolicy", "PutGroupPolicy", "AttachGroupPolicy", "AddUserToGroup", "UpdateAssumeRolePolicy", "CreatePolicyVersion",
        "SetDefaultPolicyVersion", "CreatePolicy", "DeleteRolePolicy", "DeleteUserPolicy", "DetachRolePolicy", "DeactivateMFADevice",
        "DeleteVirtualMFADevice", "UpdateUser", "CreateSAMLProvider", "UpdateSAMLProvider", "CreateOpenIDConnectProvider",
        "AddRoleToInstanceProfile", "DeleteLoginProfile",

        // Logging and detection tampering.
        "StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "DeleteEventDataStore", "StopEventDataStoreIngestion",
        "DeleteDetector", "UpdateDetector", "DeleteMembers", "DisassociateFromMasterAccount", "DeleteFlowLogs", "DisableSecurityHub",
        "DeleteConfigurationRecorder", "StopConfigurationRecorder", "DeleteDeliveryChannel", "DeleteLogGroup", "DeleteLogStream",
        "PutBucketLogging", "DisableEbsEncryptionByDefault", "DeleteRuleGroup", "DeleteWebACL", "LeaveOrganization",

        // Keys and data exposure.
        "ScheduleKeyDeletion", "DisableKey", "PutKeyPolicy", "PutBucketPolicy", "PutBucketAcl", "PutObjectAcl", "DeletePublicAccessBlock",
        "DeleteBucketPolicy", "ModifySnapshotAttribute", "ModifyDBSnapshotAttribute", "ModifyDBClusterSnapshotAttribute",
        "ModifyImageAttribute", "PutBucketReplication",
    ];

    /// <summary>The prototype's administrative list, then the other IAM writes that change who can do what.</summary>
    public static readonly IReadOnlyList<string> DefaultAdmin =
    [
        "CreateUser", "DeleteUser", "AttachUserPolicy", "DetachUserPolicy", "PutUserPolicy", "CreateRole", "AttachRolePolicy", "CreateAccessKey",
        "DeleteRole", "DetachRolePolicy", "PutRolePolicy", "DeleteRolePolicy", "PutGroupPolicy", "AttachGroupPolicy", "AddUserToGroup",
        "UpdateAssumeRolePolicy", "CreatePolicyVersion", "SetDefaultPolicyVersion", "CreateLoginProfile", "UpdateLoginProfile",
        "DeleteLoginProfile", "DeleteAccessKey", "UpdateAccessKey", "CreatePolicy", "DeactivateMFADevice",
    ];

    private readonly HashSet<string> _highRisk;
    private readonly HashSet<string> _admin;

    public ActionCatalog(IEnumerable<string> extraHighRisk, IEnumerable<string> extraAdmin)
    {
        _highRisk = new HashSet<string>(DefaultHighRisk.Concat(extraHighRisk), StringComparer.Ordinal);
        _admin = new HashSet<string>(DefaultAdmin.Concat(extraAdmin), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> HighRisk => _highRisk;

    public IReadOnlyCollection<string> Admin => _admin;

    public bool IsHighRisk(string eventName) => _highRisk.Contains(eventName);

    public bool IsAdmin(string eventName) => _admin.Contains(eventName);
}
