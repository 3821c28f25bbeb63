using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.CloudTrail;

public sealed class InsightsTests
{
    // As AWS documents an Insights record: the API it is about is named inside insightDetails only.
    private const string InsightsFile = """
        {"Records":[{
          "eventVersion":"1.07","eventTime":"2019-11-14T00:51:00Z","awsRegion":"us-east-1",
          "eventID":"EXAMPLE8-9621-4d00-b913-beca2EXAMPLE","eventType":"AwsCloudTrailInsight",
          "recipientAccountId":"123456789012","sharedEventID":"EXAMPLE2-1729-42f1-b735-5d8c0EXAMPLE",
          "insightDetails":{"state":"Start","eventSource":"ssm.amazonaws.com","eventName":"UpdateInstanceInformation",
            "insightType":"ApiCallRateInsight","insightContext":{"statistics":{"baseline":{"average":85.4202380952},"insight":{"average":664}}}},
          "eventCategory":"Insight"}]}
        """;

    [Fact]
    public async Task An_insights_record_is_excluded_as_an_insight_not_skipped_for_a_missing_event_name()
    {
        var report = await Reading.AnalyzeAsync("insights.json", System.Text.Encoding.UTF8.GetBytes(InsightsFile));

        report.SkippedEvents.Count.Should().Be(0);
        report.ExcludedEvents.Count.Should().Be(1);
        report.ExcludedEvents.ByReason.Should().Equal(new Dictionary<string, long> { ["cloudtrail_insight"] = 1 });
        report.Results.Should().BeEmpty();
    }
}
