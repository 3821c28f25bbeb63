using System.Runtime.CompilerServices;
using System.Text;
using IamUeba.Core.Features;

namespace IamUeba.Core.Tests.Features;

public sealed class KeptEventTests
{
    [Theory]
    [InlineData("3038ebd2-c98a-4c65-9b6e-e22506292313")]
    [InlineData("EXAMPLE8-9012-3456-7890-123456789012")]
    [InlineData("3038EBD2-C98A-4C65-9B6E-E22506292313")]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    public void An_evidence_event_shows_the_event_id_and_fields_it_was_kept_with(string eventId)
    {
        // Fill the text table first, so that the indexes are not all small.
        var text = new KeptText();
        for (var i = 0; i < 1000; i++)
        {
            text.IndexOf($"198.51.100.{i}");
        }

        var kept = KeptEvent.From(Encoding.UTF8.GetBytes(eventId), 1_709_546_400, "AssumeRole", "203.0.113.7", "eu-west-1", "AccessDenied", text);
        var detail = kept.ToDetail(text);

        detail.EventId.Should().Be(eventId.Length == 0 ? null : eventId);
        detail.Time.Should().Be(1_709_546_400);
        detail.EventName.Should().Be("AssumeRole");
        detail.SourceIp.Should().Be("203.0.113.7");
        detail.Region.Should().Be("eu-west-1");
        detail.ErrorCode.Should().Be("AccessDenied");
    }

    [Fact]
    public void It_takes_40_bytes()
    {
        // Up to 500,000 are kept in an analysis: 4 MB more at 48 bytes.
        Unsafe.SizeOf<KeptEvent>().Should().Be(40);
    }
}
