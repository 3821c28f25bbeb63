using System.Text;
using IamUeba.Core.CloudTrail;

namespace IamUeba.Core.Tests.CloudTrail;

public sealed class NameTableTests
{
    public enum Field
    {
        None,
        EventTime,
        EventName,
        EventType,
        Timestamp,
        AccessKeyId,
        Arn,
    }

    private static readonly NameTable<Field> Table = new(
        ("eventtime", Field.EventTime),
        ("eventname", Field.EventName),
        ("eventtype", Field.EventType),
        ("@timestamp", Field.Timestamp),
        ("accesskeyid", Field.AccessKeyId),
        ("acceskeyid", Field.AccessKeyId),
        ("arn", Field.Arn));

    [Theory]
    [InlineData("eventTime", Field.EventTime)]
    [InlineData("eventtime", Field.EventTime)]
    [InlineData("EVENTTIME", Field.EventTime)]
    [InlineData("EventName", Field.EventName)]
    [InlineData("eventType", Field.EventType)]
    [InlineData("@timestamp", Field.Timestamp)]
    [InlineData("@TIMESTAMP", Field.Timestamp)]
    [InlineData("accessKeyId", Field.AccessKeyId)]
    [InlineData("accesKeyId", Field.AccessKeyId)]
    [InlineData("ARN", Field.Arn)]
    [InlineData("aRn", Field.Arn)]
    public void Names_are_found_in_any_ascii_case(string name, Field expected) =>
        Table.Find(Encoding.UTF8.GetBytes(name)).Should().Be(expected);

    [Theory]
    [InlineData("")]
    [InlineData("eventTim")]
    [InlineData("eventTimes")]
    [InlineData("eventTimf")]
    [InlineData("eventtime ")]
    [InlineData("`timestamp")] // '@' and '`' differ only in the 0x20 bit, but only letters have a case
    [InlineData("event_ime")]
    [InlineData("ar")]
    [InlineData("arn\u0000")]
    [InlineData("än")]
    [InlineData("eventTimeeventTimeeventTimeeventTimeeventTimeeventTimeeventTimeeventTime")]
    public void Other_names_are_not_found(string name) =>
        Table.Find(Encoding.UTF8.GetBytes(name)).Should().Be(Field.None);

    [Fact]
    public void Every_name_of_a_full_table_is_found_however_many_share_a_slot()
    {
        // 64 names of one length that differ only past the letters the slot is chosen from.
        var names = Enumerable.Range(0, 64).Select(i => $"a{(char)('a' + (i / 26))}{(char)('a' + (i % 26))}xxxxa").ToArray();
        var table = new NameTable<int>([.. names.Select((n, i) => (n, i + 1))]);

        for (var i = 0; i < names.Length; i++)
        {
            table.Find(Encoding.ASCII.GetBytes(names[i].ToUpperInvariant())).Should().Be(i + 1);
        }

        table.Find("azzxxxxa"u8).Should().Be(0);
    }

    [Fact]
    public void A_table_refuses_names_it_could_not_find()
    {
        var upper = () => new NameTable<Field>(("eventTime", Field.EventTime));
        var twice = () => new NameTable<Field>(("arn", Field.Arn), ("arn", Field.EventName));
        var none = () => new NameTable<Field>(("arn", Field.None));
        var notAscii = () => new NameTable<Field>(("ärn", Field.Arn));

        upper.Should().Throw<ArgumentException>().WithMessage("*lower-case*");
        twice.Should().Throw<ArgumentException>().WithMessage("*twice*");
        none.Should().Throw<ArgumentException>();
        notAscii.Should().Throw<ArgumentException>().WithMessage("*ASCII*");
    }
}
