using IamUeba.Core.CloudTrail;
using IamUeba.Core.Principals;

namespace IamUeba.Core.Rules;

/// <summary>Disk snapshots, machine images or database snapshots shared with another account or the world.</summary>
public sealed class R14SnapshotShared : SignatureRule
{
    public static readonly RuleDescriptor Info = new(
        Id: RuleIds.SnapshotShared,
        SettingsKey: "R14",
        Title: "Snapshot or image shared outside the account",
        Description: "A successful ModifySnapshotAttribute, ModifyImageAttribute, ModifyDBSnapshotAttribute or ModifyDBClusterSnapshotAttribute that adds another account id, or \"all\" (public), to who may use the snapshot or image: the data can then be copied out.",
        Mitre: ["T1537"],
        FalsePositives: "Sharing with the organization's own backup or disaster-recovery accounts, or golden images published to member accounts.",
        Recommendation: "Check the account the data was shared with; remove the permission if it is not one of yours and treat the data as exposed.",
        Comparison: ">=");

    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal)
    {
        "ModifySnapshotAttribute", "ModifyImageAttribute", "ModifyDBSnapshotAttribute", "ModifyDBClusterSnapshotAttribute",
    };

    public override RuleDescriptor Descriptor => Info;

    public override IReadOnlySet<string> EventNames => Actions;

    public override bool Matches(CloudTrailEvent e, PrincipalIdentity principal) =>
        Actions.Contains(e.EventName!) && Succeeded(e) && SharedOutside(e, principal.AccountId);

    // A loop, not a lambda: a lambda capturing the principal would allocate on every event checked.
    private static bool SharedOutside(CloudTrailEvent e, string? ownAccount)
    {
        foreach (var target in e.SharedWith)
        {
            if (!string.Equals(target, ownAccount, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
