using System.Text.Json.Nodes;
using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R19AdminPortOpenToInternetTests
{
    [Fact]
    public async Task The_stratus_port_22_detonation_is_high_or_above()
    {
        // Stratus writes the old top-level form with "208.236.235.254/0": any address with /0 is the whole internet.
        var attacker = (await Stratus.DetonationAsync("aws.exfiltration.ec2-security-group-open-port-22-ingress")).Attacker(RuleIds.AdminPortOpenToInternet);

        attacker.RiskLevel.Should().BeOneOf("HIGH", "CRITICAL");
        attacker.Hit(RuleIds.AdminPortOpenToInternet).Evidence.Should().ContainSingle(e => e.EventName == "AuthorizeSecurityGroupIngress");
    }

    [Theory]
    [InlineData("tcp", 22, 22, "0.0.0.0/0", null, true)]
    [InlineData("tcp", 3389, 3389, null, "::/0", true)]
    [InlineData("tcp", 0, 65535, "0.0.0.0/0", null, true)]
    [InlineData("-1", -1, -1, "0.0.0.0/0", null, true)]
    [InlineData("tcp", 20, 25, "0.0.0.0/0", null, true)]
    [InlineData("tcp", 443, 443, "0.0.0.0/0", "::/0", false)]
    [InlineData("tcp", 22, 22, "203.0.113.7/32", null, false)]
    [InlineData("tcp", 22, 22, "10.0.0.0/8", null, false)]
    public async Task Ingress_in_ip_permissions_form_fires_only_for_the_internet_on_admin_ports(string protocol, int from, int to, string? v4, string? v6, bool fires)
    {
        var permission = new JsonObject { ["ipProtocol"] = protocol, ["fromPort"] = from, ["toPort"] = to, ["groups"] = new JsonObject() };
        permission["ipRanges"] = v4 is null ? new JsonObject() : new JsonObject { ["items"] = new JsonArray(new JsonObject { ["cidrIp"] = v4 }) };
        permission["ipv6Ranges"] = v6 is null ? new JsonObject() : new JsonObject { ["items"] = new JsonArray(new JsonObject { ["cidrIpv6"] = v6 }) };
        var open = Record.IamUser("ops").Call("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com")
            .WithRequest(new JsonObject { ["groupId"] = "sg-0a1b2c3d", ["ipPermissions"] = new JsonObject { ["items"] = new JsonArray(permission) } });

        var ops = (await Analysis.RunAsync(open)).Principal("user/ops");

        ops.TriggeredRules.Contains(RuleIds.AdminPortOpenToInternet).Should().Be(fires);
    }

    [Fact]
    public async Task A_refused_or_outbound_rule_is_not_an_opening()
    {
        var permissions = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["ipProtocol"] = "tcp", ["fromPort"] = 22, ["toPort"] = 22, ["ipRanges"] = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["cidrIp"] = "0.0.0.0/0" }) } }) };
        var refused = Record.IamUser("ops").Call("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com")
            .WithRequest(new JsonObject { ["groupId"] = "sg-0a1b2c3d", ["ipPermissions"] = permissions.DeepClone() }).Denied("UnauthorizedOperation");
        var egress = Record.IamUser("ops").Call("AuthorizeSecurityGroupEgress", "ec2.amazonaws.com")
            .WithRequest(new JsonObject { ["groupId"] = "sg-0a1b2c3d", ["ipPermissions"] = permissions.DeepClone() }).At("2024-01-15T10:01:00Z");

        var ops = (await Analysis.RunAsync(refused, egress)).Principal("user/ops");

        ops.TriggeredRules.Should().NotContain(RuleIds.AdminPortOpenToInternet);
    }
}
