using System.Text;
using IamUeba.Core.Features;

namespace IamUeba.Core.Tests.Features;

/// <summary>An event kept as evidence shows its eventID exactly as CloudTrail wrote it, however it is stored.</summary>
public sealed class EventDetailTests
{
    [Theory]
    [InlineData("3038ebd2-c98a-4c65-9b6e-e22506292313")] // as CloudTrail writes them: kept as 16 bytes
    [InlineData("3038EBD2-C98A-4C65-9B6E-E22506292313")]
    [InlineData("3038ebd2-c98a-4c65-9b6e-E22506292313")]
    [InlineData("{3038ebd2-c98a-4c65-9b6e-e22506292313}")]
    [InlineData("3038ebd2c98a4c659b6ee22506292313")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("3038ebd2-c98a-4c65-9b6e-e2250629231g")]
    [InlineData("3038ebd2-c98a-4c65-9b6ee-2250629231a")]
    [InlineData("EXAMPLE8-90ab-cdef-fedc-ba987EXAMPLE")]
    [InlineData("3038ebd2-c98a-4c65-9b6e-e2250629231:")] // the bytes just past '9', before '0' and before 'a' ('g', past 'f', is above)
    [InlineData("/038ebd2-c98a-4c65-9b6e-e22506292313")]
    [InlineData("3038ebd2-c98a-4c65-9b6e-`22506292313")]
    [InlineData("x")]
    public void The_event_id_reads_back_as_written(string eventId)
    {
        var detail = new EventDetail(Encoding.UTF8.GetBytes(eventId), 1_700_000_000, "GetObject", "192.0.2.1", "us-east-1", null);

        detail.EventId.Should().Be(eventId);
    }

    [Fact]
    public void Random_event_ids_read_back_as_written()
    {
        var random = new Random(7);
        var bytes = new byte[16];
        for (var i = 0; i < 2_000; i++)
        {
            random.NextBytes(bytes);
            var eventId = new Guid(bytes).ToString("D");

            new EventDetail(Encoding.UTF8.GetBytes(eventId), 1_700_000_000, "GetObject", null, null, null).EventId.Should().Be(eventId);
        }
    }

    [Fact]
    public void No_event_id_reads_back_as_none()
    {
        new EventDetail([], 1_700_000_000, "GetObject", null, null, null).EventId.Should().BeNull();
    }
}
