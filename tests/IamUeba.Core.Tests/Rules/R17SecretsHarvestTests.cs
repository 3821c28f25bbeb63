using System.Text.Json.Nodes;
using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R17SecretsHarvestTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 15, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("aws.credential-access.secretsmanager-retrieve-secrets", "GetSecretValue", 20)]
    [InlineData("aws.credential-access.secretsmanager-batch-retrieve-secrets", "BatchGetSecretValue", 5)]
    [InlineData("aws.credential-access.ssm-retrieve-securestring-parameters", "GetParameters", 5)]
    public async Task Each_stratus_secret_retrieval_detonation_is_high_or_above(string technique, string eventName, int reads)
    {
        var attacker = (await Stratus.DetonationAsync(technique)).Attacker(RuleIds.SecretsHarvest);

        attacker.RiskLevel.Should().BeOneOf("HIGH", "CRITICAL");
        var hit = attacker.Hit(RuleIds.SecretsHarvest);
        hit.Observed.Should().Be(reads);
        hit.Evidence.Should().OnlyContain(e => e.EventName == eventName);
    }

    [Fact]
    public async Task Five_secret_reads_by_an_access_key_within_an_hour_fire()
    {
        var reads = Enumerable.Range(0, 5).Select(i => SecretRead(Record.IamUserWithAccessKey("dev"), i * 10)).ToArray();

        var dev = (await Analysis.RunAsync(reads)).Principal("user/dev");

        dev.Hit(RuleIds.SecretsHarvest).Observed.Should().Be(5);
    }

    [Fact]
    public async Task The_evidence_is_the_reads_of_the_busiest_hour_not_the_first_reads()
    {
        // Six routine reads, one every two hours, then a burst of seven in twenty minutes.
        var routine = Enumerable.Range(0, 6).Select(i => SecretRead(Record.IamUserWithAccessKey("dev"), i * 120));
        var burst = Enumerable.Range(0, 7).Select(i => SecretRead(Record.IamUserWithAccessKey("dev"), 1000 + (i * 3)));

        var hit = (await Analysis.RunAsync([.. routine, .. burst])).Principal("user/dev").Hit(RuleIds.SecretsHarvest);

        hit.Observed.Should().Be(7);
        hit.Evidence.Should().HaveCount(5).And.OnlyContain(e => DateTimeOffset.Parse(e.EventTime, System.Globalization.CultureInfo.InvariantCulture) >= Start.AddMinutes(1000));
    }

    [Fact]
    public async Task Four_reads_in_an_hour_or_reads_spread_over_the_day_do_not_fire()
    {
        var few = Enumerable.Range(0, 4).Select(i => SecretRead(Record.IamUserWithAccessKey("dev"), i * 5));
        var spread = Enumerable.Range(0, 8).Select(i => SecretRead(Record.IamUserWithAccessKey("ana"), i * 61));

        var report = await Analysis.RunAsync([.. few, .. spread]);

        report.Principal("user/dev").TriggeredRules.Should().NotContain(RuleIds.SecretsHarvest);
        report.Principal("user/ana").TriggeredRules.Should().NotContain(RuleIds.SecretsHarvest);
    }

    [Fact]
    public async Task A_workload_role_reading_its_secrets_is_not_a_harvest()
    {
        var reads = Enumerable.Range(0, 20).Select(i => SecretRead(Record.AssumedRole("orders-task-role", "7f3c2a9e"), i));

        var role = (await Analysis.RunAsync(reads)).Principal("role/orders-task-role");

        role.TriggeredRules.Should().NotContain(RuleIds.SecretsHarvest);
    }

    [Fact]
    public async Task Denied_reads_and_single_parameter_lookups_are_not_secrets_read()
    {
        var denied = Enumerable.Range(0, 6).Select(i => SecretRead(Record.IamUserWithAccessKey("eve"), i).Denied("AccessDeniedException"));
        var lookups = Enumerable.Range(0, 10).Select(i => Record.IamUserWithAccessKey("dev")
            .Call("GetParameter", "ssm.amazonaws.com", readOnly: true)
            .WithRequest(new JsonObject { ["name"] = "/config/orders/endpoint", ["withDecryption"] = false })
            .At(Start.AddMinutes(i)));

        var report = await Analysis.RunAsync([.. denied, .. lookups]);

        report.Results.Should().NotContain(r => r.TriggeredRules.Contains(RuleIds.SecretsHarvest));
    }

    [Fact]
    public async Task A_person_in_an_identity_center_session_can_harvest_too()
    {
        var reads = Enumerable.Range(0, 6).Select(i => SecretRead(Record.AssumedRole("AWSReservedSSO_PowerUserAccess_4f763d6708f770bf", "mia.kang@example.com"), i));

        var mia = (await Analysis.RunAsync(reads)).Principal("mia.kang@example.com");

        mia.Hit(RuleIds.SecretsHarvest).Observed.Should().Be(6);
    }

    private static Record SecretRead(Record caller, int minutes) =>
        caller.Call("GetSecretValue", "secretsmanager.amazonaws.com", readOnly: true)
            .WithRequest(new JsonObject { ["secretId"] = $"prod/db-{minutes}" })
            .At(Start.AddMinutes(minutes));
}
