using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Rules;

/// <summary>
/// A resource or role opened to anyone or to another account by its policy: a bucket, key, secret,
/// queue, repository or search domain made public or shared out, or a role that an outside account
/// may now assume (Stratus's iam-backdoor-role and iam-create-backdoor-role).
/// </summary>
public sealed class R18AccessOpenedOutside : SignatureRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.AccessOpenedOutside,
        SettingsKey: "R18",
        Title: "Access opened outside the account",
        Description: "A successful call that sets a policy letting in anyone (a \"*\" principal without a condition) or an AWS account other than the resource's own: PutBucketPolicy, PutKeyPolicy, CreateKey, PutResourcePolicy (Secrets Manager), SetRepositoryPolicy (ECR), SetQueueAttributes and CreateQueue (SQS), CreateElasticsearchDomain, UpdateElasticsearchDomainConfig, CreateDomain and UpdateDomainConfig (OpenSearch), and the trust policy of CreateRole and UpdateAssumeRolePolicy. Service and federated principals do not count.",
        Mitre: ["T1537", "T1098.003", "T1078.004"],
        FalsePositives: "Cross-account access set up on purpose: the organization's other accounts (when the policy names them rather than the organization), a vendor integration's role trusted with an external id, a bucket that serves a public website.",
        Recommendation: "Check the account or public access the policy grants; if it was not planned, restore the previous policy, then look for what the outsider read or assumed since (S3 data events, AssumeRole from that account).",
        Comparison: ">=");

    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal)
    {
        "PutBucketPolicy", "PutKeyPolicy", "CreateKey", "PutResourcePolicy", "SetRepositoryPolicy", "SetQueueAttributes", "CreateQueue",
        "CreateElasticsearchDomain", "UpdateElasticsearchDomainConfig", "CreateDomain", "UpdateDomainConfig", "CreateRole", "UpdateAssumeRolePolicy",
    };

    public override RuleDescriptor Descriptor => Info;

    public override IReadOnlySet<string> EventNames => Actions;

    public override bool Matches(CloudTrailEvent e, PrincipalIdentity principal)
    {
        if (!Actions.Contains(e.EventName!) || !Succeeded(e))
        {
            return false;
        }

        // UpdateAssumeRolePolicy names its trust policy policyDocument, as inline policies do.
        var policy = e.EventName == "UpdateAssumeRolePolicy" ? e.PolicyDocument : e.ResourcePolicy;
        return OutsideGrants.Find(policy, e.RecipientAccountId ?? principal.AccountId) is not null;
    }
}
