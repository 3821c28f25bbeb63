using System.Text.Json.Nodes;
using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R10LoggingTamperingTests
{
    [Theory]
    [InlineData("aws.defense-evasion.cloudtrail-stop", "StopLogging")]
    [InlineData("aws.defense-evasion.cloudtrail-delete", "DeleteTrail")]
    [InlineData("aws.defense-evasion.cloudtrail-event-selectors", "PutEventSelectors")]
    [InlineData("aws.defense-evasion.vpc-remove-flow-logs", "DeleteFlowLogs")]
    [InlineData("aws.defense-evasion.dns-delete-logs", "DeleteResolverQueryLogConfig")]
    [InlineData("aws.defense-evasion.organizations-leave", "LeaveOrganization")]
    public async Task Each_stratus_defence_evasion_detonation_makes_its_principal_high_or_above(string technique, string eventName)
    {
        var attacker = (await Stratus.DetonationAsync(technique)).Attacker(RuleIds.LoggingTampering);

        attacker.RiskLevel.Should().BeOneOf("HIGH", "CRITICAL");
        var hit = attacker.Hit(RuleIds.LoggingTampering);
        hit.Points.Should().Be(60);
        hit.Evidence.Should().Contain(e => e.EventName == eventName && e.EventId != null);
    }

    [Fact]
    public async Task A_denied_attempt_to_stop_logging_still_counts()
    {
        var denied = Record.AssumedRole("ops-automation", "i-0abc").Call("StopLogging", "cloudtrail.amazonaws.com").WithRequest(new JsonObject { ["name"] = "org-trail" }).Denied();

        var role = (await Analysis.RunAsync(denied)).Principal("role/ops-automation");

        role.Hit(RuleIds.LoggingTampering).Evidence.Single().ErrorCode.Should().Be("AccessDenied");
    }

    [Fact]
    public async Task Creating_or_reading_trails_is_not_tampering()
    {
        var records = new[]
        {
            Record.IamUser("auditor").Call("DescribeTrails", "cloudtrail.amazonaws.com", readOnly: true),
            Record.IamUser("auditor").Call("CreateTrail", "cloudtrail.amazonaws.com"),
            Record.IamUser("auditor").Call("StartLogging", "cloudtrail.amazonaws.com").At("2024-01-15T10:05:00Z"),
        };

        var auditor = (await Analysis.RunAsync(records)).Principal("user/auditor");

        auditor.TriggeredRules.Should().NotContain(RuleIds.LoggingTampering);
    }
}
