using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Rules;

/// <summary>
/// A security group opened to the whole internet on SSH or RDP (or on every port): the usual
/// first step to a foothold on an instance (Stratus's ec2-security-group-open-port-22-ingress).
/// </summary>
public sealed class R19AdminPortOpenToInternet : SignatureRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.AdminPortOpenToInternet,
        SettingsKey: "R19",
        Title: "Admin port opened to the internet",
        Description: "A successful AuthorizeSecurityGroupIngress that lets in a /0 range (0.0.0.0/0, ::/0, or any address written with /0) on port 22 (SSH) or 3389 (RDP), or on every port or protocol. Narrower ranges and other ports (a web server's 443 to the world) do not count.",
        Mitre: ["T1562.007", "T1133"],
        FalsePositives: "A short-lived lab or bastion host opened by an administrator for a moment; an automation that opens and closes SSH around a maintenance window.",
        Recommendation: "Remove the rule unless it is intended; reach instances through Session Manager or a bastion with a narrow range, and look for logins on the instances behind the group since it was opened.",
        Comparison: ">=");

    private const string Opening = "AuthorizeSecurityGroupIngress";
    private static readonly int[] AdminPorts = [22, 3389];
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal) { Opening };

    public override RuleDescriptor Descriptor => Info;

    public override IReadOnlySet<string> EventNames => Names;

    public override bool Matches(CloudTrailEvent e, PrincipalIdentity principal) =>
        e.EventName == Opening && Succeeded(e) && e.Ingress.Any(OpensAdminAccess);

    private static bool OpensAdminAccess(IngressRange range)
    {
        if (!range.Cidr.EndsWith("/0", StringComparison.Ordinal))
        {
            return false;
        }

        // "-1" is every protocol and port; a missing port range on TCP or UDP means all of them.
        var allPorts = range.Protocol is "-1" or "all" || range.FromPort < 0 || (range.FromPort == 0 && range.ToPort >= 65535);
        return allPorts || AdminPorts.Any(port => range.FromPort <= port && port <= range.ToPort);
    }
}
