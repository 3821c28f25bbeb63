namespace IamUeba.Core.Principals;

/// <summary>The userIdentity.type values CloudTrail writes, spelled as it writes them.</summary>
public static class PrincipalTypes
{
    public const string IamUser = "IAMUser";
    public const string Root = "Root";
    public const string AssumedRole = "AssumedRole";
    public const string FederatedUser = "FederatedUser";
    public const string IdentityCenterUser = "IdentityCenterUser";
    public const string AwsAccount = "AWSAccount";
    public const string AwsService = "AWSService";
    public const string SamlUser = "SAMLUser";
    public const string WebIdentityUser = "WebIdentityUser";
    public const string Unknown = "Unknown";
}
