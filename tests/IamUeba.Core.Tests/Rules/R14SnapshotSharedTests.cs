using System.Text.Json.Nodes;
using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R14SnapshotSharedTests
{
    [Theory]
    [InlineData("aws.exfiltration.ec2-share-ebs-snapshot", "ModifySnapshotAttribute")]
    [InlineData("aws.exfiltration.ec2-share-ami", "ModifyImageAttribute")]
    [InlineData("aws.exfiltration.rds-share-snapshot", "ModifyDBSnapshotAttribute")]
    public async Task Each_stratus_sharing_detonation_is_high_or_above(string technique, string eventName)
    {
        var attacker = (await Stratus.DetonationAsync(technique)).Attacker(RuleIds.SnapshotShared);

        attacker.RiskLevel.Should().BeOneOf("HIGH", "CRITICAL");
        attacker.Hit(RuleIds.SnapshotShared).Evidence.Should().ContainSingle(e => e.EventName == eventName);
    }

    [Fact]
    public async Task Making_a_snapshot_public_is_sharing()
    {
        var share = Record.IamUser("eve").Call("ModifySnapshotAttribute", "ec2.amazonaws.com")
            .WithRequest(JsonNode.Parse("""{"snapshotId":"snap-0abc","attributeType":"CREATE_VOLUME_PERMISSION","createVolumePermission":{"add":{"items":[{"group":"all"}]}}}""")!.AsObject());

        var eve = (await Analysis.RunAsync(share)).Principal("user/eve");

        eve.Hit(RuleIds.SnapshotShared).Observed.Should().Be(1);
    }

    [Fact]
    public async Task Removing_a_permission_or_sharing_within_the_account_is_not()
    {
        var remove = Record.IamUser("ops").Call("ModifySnapshotAttribute", "ec2.amazonaws.com")
            .WithRequest(JsonNode.Parse("""{"snapshotId":"snap-0abc","createVolumePermission":{"remove":{"items":[{"userId":"999988887777"}]}}}""")!.AsObject());
        var own = Record.IamUser("ops").Call("ModifyDBSnapshotAttribute", "rds.amazonaws.com")
            .WithRequest(JsonNode.Parse($$"""{"dBSnapshotIdentifier":"nightly","attributeName":"restore","valuesToAdd":["{{Record.Account}}"]}""")!.AsObject()).At("2024-01-15T10:01:00Z");

        var ops = (await Analysis.RunAsync(remove, own)).Principal("user/ops");

        ops.TriggeredRules.Should().NotContain(RuleIds.SnapshotShared);
    }
}
