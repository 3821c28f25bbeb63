using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Rules;

public sealed class R04MultiIpTests
{
    private static readonly DateTimeOffset Morning = new(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private static Record Read(string user, string sourceIp, int minute) =>
        Record.IamUser(user).Call("ListBuckets", "s3.amazonaws.com", readOnly: true).From(sourceIp).At(Morning.AddMinutes(minute));

    [Fact]
    public async Task Liam_calling_from_three_addresses_fires_multi_ip_with_one_call_per_address_as_evidence()
    {
        var office = Read("liam", "198.51.100.23", 0);
        var officeAgain = Read("liam", "198.51.100.23", 5);
        var hotel = Read("liam", "203.0.113.9", 20);
        var unknown = Read("liam", "2001:db8::7", 40);

        var liam = (await Analysis.RunAsync(unknown, officeAgain, hotel, office)).Principal("user/liam");

        var hit = liam.Hit(RuleIds.MultiIp);
        hit.Points.Should().Be(10);
        hit.Observed.Should().Be(3);
        hit.Threshold.Should().Be(3);
        hit.Comparison.Should().Be(">=");
        hit.Evidence.Select(e => e.SourceIp).Should().Equal("198.51.100.23", "203.0.113.9", "2001:db8::7");
        hit.Ids().Skip(1).Should().Equal(hotel.Id(), unknown.Id());
        hit.Evidence[0].EventId.Should().BeOneOf(office.Id(), officeAgain.Id());
        liam.Stats.UniqueIps.Should().Be(3);
    }

    [Fact]
    public async Task AWS_service_names_in_sourceIPAddress_are_not_addresses()
    {
        var records = new[]
        {
            Read("liam", "198.51.100.23", 0),
            Read("liam", "203.0.113.9", 1),
            Read("liam", "AWS Internal", 2),
            Read("liam", "ec2.amazonaws.com", 3),
            Read("liam", "cloudformation.amazonaws.com", 4),
        };

        var liam = (await Analysis.RunAsync(records)).Principal("user/liam");

        liam.Stats.UniqueIps.Should().Be(2);
        liam.TriggeredRules.Should().NotContain(RuleIds.MultiIp);
    }

    [Fact]
    public async Task A_leading_zero_IPv4_is_read_as_a_decimal_address()
    {
        // Anonymised CloudTrail exports write octets with leading zeros: "07" is 7, not an octal or a host name.
        var padded = Read("mona", "253.252.51.07", 0);
        var plain = Read("mona", "253.252.51.7", 1);
        var second = Read("mona", "198.51.100.23", 2);
        var third = Read("mona", "203.0.113.9", 3);

        var mona = (await Analysis.RunAsync(padded, plain, second, third)).Principal("user/mona");

        mona.Stats.UniqueIps.Should().Be(3, "253.252.51.07 and 253.252.51.7 are one address");
        var hit = mona.Hit(RuleIds.MultiIp);
        hit.Evidence.Select(e => e.SourceIp).Should().Equal("253.252.51.7", "198.51.100.23", "203.0.113.9");
        hit.Evidence[0].EventId.Should().Be(padded.Id());
    }

    [Fact]
    public async Task Two_addresses_do_not_fire()
    {
        var liam = (await Analysis.RunAsync(Read("liam", "198.51.100.23", 0), Read("liam", "203.0.113.9", 1))).Principal("user/liam");

        liam.Stats.UniqueIps.Should().Be(2);
        liam.TriggeredRules.Should().NotContain(RuleIds.MultiIp);
    }

    [Fact]
    public async Task A_threshold_of_four_addresses_lets_three_through_and_a_disabled_rule_never_fires()
    {
        var records = new[] { Read("liam", "198.51.100.23", 0), Read("liam", "203.0.113.9", 1), Read("liam", "192.0.2.77", 2) };
        var four = new DetectionOptions();
        four.Rules.R04.Threshold = 4;
        var disabled = new DetectionOptions();
        disabled.Rules.R04.Enabled = false;

        (await Analysis.RunAsync(records)).Principal("user/liam").TriggeredRules.Should().Contain(RuleIds.MultiIp);
        (await Analysis.RunAsync(Record.File(records), four)).Principal("user/liam").TriggeredRules.Should().NotContain(RuleIds.MultiIp);
        (await Analysis.RunAsync(Record.File(records), disabled)).Principal("user/liam").TriggeredRules.Should().NotContain(RuleIds.MultiIp);
    }
}
