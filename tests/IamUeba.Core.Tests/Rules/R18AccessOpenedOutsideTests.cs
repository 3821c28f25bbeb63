using System.Text.Json.Nodes;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R18AccessOpenedOutsideTests
{
    private const string PantherFile = "panther-analysis/records/rule_tests/AWS.CloudTrail.ResourceMadePublic.json";

    [Theory]
    [InlineData("aws.persistence.iam-backdoor-role", "UpdateAssumeRolePolicy")]
    [InlineData("aws.persistence.iam-create-backdoor-role", "CreateRole")]
    public async Task Each_stratus_role_backdoor_detonation_is_high_or_above(string technique, string eventName)
    {
        var attacker = (await Stratus.DetonationAsync(technique)).Attacker(RuleIds.AccessOpenedOutside);

        attacker.RiskLevel.Should().BeOneOf("HIGH", "CRITICAL");
        attacker.Hit(RuleIds.AccessOpenedOutside).Evidence.Should().ContainSingle(e => e.EventName == eventName);
    }

    [Theory]
    [InlineData(0, true)]    // ECR repository policy, Principal "*"
    [InlineData(1, true)]    // bucket policy, {"AWS":"*"}
    [InlineData(2, false)]   // bucket policy for CloudTrail's service principal
    [InlineData(3, false)]   // no request parameters
    [InlineData(4, false)]   // refused
    [InlineData(5, false)]   // SQS attributes with an empty policy
    [InlineData(6, false)]   // not JSON
    [InlineData(7, false)]   // a secret's "*" restricted to the organization
    [InlineData(8, true)]    // Elasticsearch domain open to "*"
    [InlineData(9, true)]    // KMS key policy, "*"
    [InlineData(10, true)]   // SQS queue: one statement for the organization, one for anyone
    [InlineData(11, false)]  // bucket "*" restricted to the organization and VPC
    [InlineData(12, false)]  // a secret's policy restricted by condition
    [InlineData(13, false)]  // KMS key policy for the account's own root
    public void Panthers_resource_made_public_cases_agree(int index, bool opened)
    {
        // The corpus's labels.json marks 0, 1, 8, 9 and 10 positive for Panther's ResourceMadePublic rule.
        var record = JsonNode.Parse(Corpus.Bytes(PantherFile))!["Records"]![index]!.ToJsonString();
        var e = new CloudTrailEvent();
        EventParser.Parse(System.Text.Encoding.UTF8.GetBytes(record), e, new StringPool());
        var principal = new IamUeba.Core.Principals.PrincipalResolver(new StringPool(), keyRolesBySession: false).Resolve(e);

        new R18AccessOpenedOutside().Matches(e, principal).Should().Be(opened, record);
    }

    [Fact]
    public async Task A_trust_policy_for_another_account_fires_and_one_for_a_service_or_the_own_account_does_not()
    {
        var outside = TrustUpdate("backdoor", """{"AWS":"arn:aws:iam::193672423079:root"}""");
        var service = TrustUpdate("ecs-task", """{"Service":"ecs-tasks.amazonaws.com"}""").At("2024-01-15T10:01:00Z");
        var own = TrustUpdate("cross-team", $$"""{"AWS":["arn:aws:iam::{{Record.Account}}:role/deployer"]}""").At("2024-01-15T10:02:00Z");

        var report = await Analysis.RunAsync(outside);
        var quiet = await Analysis.RunAsync(service, own);

        report.Principal("user/eve").Hit(RuleIds.AccessOpenedOutside).Observed.Should().Be(1);
        quiet.Principal("user/eve").TriggeredRules.Should().NotContain(RuleIds.AccessOpenedOutside);
    }

    [Fact]
    public async Task A_bucket_policy_for_an_outside_account_logged_as_an_object_fires_with_s3s_empty_policy_field_after_it()
    {
        var policy = JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::payroll/*"}]}""");
        var put = Record.IamUser("eve").Call("PutBucketPolicy", "s3.amazonaws.com")
            .WithRequest(new JsonObject { ["bucketName"] = "payroll", ["bucketPolicy"] = policy, ["policy"] = "" });

        var eve = (await Analysis.RunAsync(put)).Principal("user/eve");

        eve.Hit(RuleIds.AccessOpenedOutside).Observed.Should().Be(1);
        eve.RiskLevel.Should().BeOneOf("HIGH", "CRITICAL");
    }

    private static Record TrustUpdate(string role, string principal) =>
        Record.IamUser("eve").Call("UpdateAssumeRolePolicy", "iam.amazonaws.com")
            .WithRequest(new JsonObject
            {
                ["roleName"] = role,
                ["policyDocument"] = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{{principal}},"Action":"sts:AssumeRole"}]}""",
            });
}
