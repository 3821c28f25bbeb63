using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Features;

/// <summary>The order- and window-dependent features rules read: failure runs, bursts, simultaneous regions (design §4).</summary>
public sealed class PrincipalFeaturesTests
{
    private static readonly DateTimeOffset Morning = new(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private static Record Read(DateTimeOffset at, string region = "us-west-2") =>
        Record.IamUser("xavi").Call("DescribeInstances", "ec2.amazonaws.com", readOnly: true).In(region).At(at);

    private static Record Denied(DateTimeOffset at) =>
        Record.IamUser("xavi").Call("DescribeInstances", "ec2.amazonaws.com", readOnly: true).Denied("Client.UnauthorizedOperation").At(at);

    [Fact]
    public async Task The_longest_failure_run_is_found_in_time_order_and_where_it_starts()
    {
        var features = await Analysis.FeaturesOfAsync(
            Denied(Morning.AddMinutes(9)), Read(Morning), Denied(Morning.AddMinutes(2)), Read(Morning.AddMinutes(5)),
            Denied(Morning.AddMinutes(6)), Denied(Morning.AddMinutes(7)), Denied(Morning.AddMinutes(8)), Read(Morning.AddMinutes(10)));

        features.ConsecutiveFailures.Should().Be(4);
        features.FailureRunStart.Should().Be(3, "the run starts at 09:06, the fourth event in time");
        features.FailedEvents.Should().Be(5);
        features.FirstSeen.Should().Be(Morning.ToUnixTimeSeconds());
        features.LastSeen.Should().Be(Morning.AddMinutes(10).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Events_of_the_same_second_keep_their_file_order()
    {
        var t = Morning.AddMinutes(2);
        var failureFirst = await Analysis.FeaturesOfAsync(Read(t), Denied(Morning), Denied(Morning.AddMinutes(1)), Denied(t));
        var successFirst = await Analysis.FeaturesOfAsync(Denied(t), Denied(Morning), Denied(Morning.AddMinutes(1)), Read(t));

        failureFirst.ConsecutiveFailures.Should().Be(2, "at 09:02 the success was listed first, so it ends the run");
        successFirst.ConsecutiveFailures.Should().Be(3);
    }

    [Fact]
    public async Task An_empty_errorCode_is_not_a_failure()
    {
        var features = await Analysis.FeaturesOfAsync(Read(Morning).Set("errorCode", ""), Read(Morning.AddMinutes(1)).Set("errorCode", null));

        features.FailedEvents.Should().Be(0);
    }

    [Theory]
    [InlineData(599, 2)]
    [InlineData(600, 1)]
    public async Task The_burst_window_holds_events_less_than_ten_minutes_apart(int secondsApart, int burst)
    {
        var features = await Analysis.FeaturesOfAsync(Read(Morning), Read(Morning.AddSeconds(secondsApart)));

        features.BurstEvents.Should().Be(burst);
    }

    [Fact]
    public async Task The_busiest_window_is_found_wherever_it_lies()
    {
        var quiet = Enumerable.Range(0, 5).Select(i => Read(Morning.AddMinutes(15 * i)));
        var busy = Enumerable.Range(0, 30).Select(i => Read(Morning.AddHours(3).AddSeconds(10 * i)));

        var features = await Analysis.FeaturesOfAsync([.. busy, .. quiet]);

        features.BurstEvents.Should().Be(30);
        features.BurstStart.Should().Be(5);
    }

    [Theory]
    [InlineData(3599, 2)]
    [InlineData(3600, 1)]
    public async Task The_region_window_holds_regions_less_than_an_hour_apart(int secondsApart, int regions)
    {
        var features = await Analysis.FeaturesOfAsync(Read(Morning, "us-west-2"), Read(Morning.AddSeconds(secondsApart), "ap-southeast-2"));

        features.SimultaneousRegions.Should().Be(regions);
        features.UniqueRegions.Should().Be(2);
    }

    [Fact]
    public async Task STS_through_a_regional_endpoint_is_presence_in_that_region_but_its_global_endpoint_is_not()
    {
        Record Sts(string region, int minute) => Record.IamUser("xavi").Call("GetCallerIdentity", "sts.amazonaws.com", readOnly: true).In(region).At(Morning.AddMinutes(minute));

        var regional = await Analysis.FeaturesOfAsync(Read(Morning), Sts("eu-west-1", 1));
        var global = await Analysis.FeaturesOfAsync(Read(Morning), Sts("us-east-1", 1));

        regional.SimultaneousRegions.Should().Be(2);
        global.SimultaneousRegions.Should().Be(1);
    }

    [Fact]
    public async Task S3_bucket_calls_in_us_east_1_are_presence_there_but_ListBuckets_is_global()
    {
        Record S3(string name) => Record.IamUser("xavi").Call(name, "s3.amazonaws.com", readOnly: true).In("us-east-1").At(Morning.AddMinutes(1));

        (await Analysis.FeaturesOfAsync(Read(Morning), S3("GetBucketPolicy"))).SimultaneousRegions.Should().Be(2);
        (await Analysis.FeaturesOfAsync(Read(Morning), S3("ListBuckets"))).SimultaneousRegions.Should().Be(1);
    }

    [Fact]
    public async Task A_redelivered_event_counts_once_but_different_events_sharing_a_placeholder_id_count_apart()
    {
        var once = Read(Morning);
        var placeholderA = Read(Morning.AddMinutes(1)).WithId("EXAMPLE8-9012-3456-7890-123456789012");
        var placeholderB = Read(Morning.AddMinutes(2)).WithId("EXAMPLE8-9012-3456-7890-123456789012");

        var features = await Analysis.FeaturesOfAsync(once, once, placeholderA, placeholderB);

        features.TotalEvents.Should().Be(3);
    }

    [Fact]
    public async Task Refusals_are_counted_apart_from_throttling_and_missing_resources()
    {
        var features = await Analysis.FeaturesOfAsync(
            Denied(Morning),
            Denied(Morning.AddMinutes(1)).Set("errorCode", "AccessDeniedException"),
            Read(Morning.AddMinutes(2)).Denied("Client.UnauthorizedOperation"),
            Read(Morning.AddMinutes(3)).Denied("ThrottlingException"),
            Read(Morning.AddMinutes(4)).Denied("NoSuchBucketPolicy"),
            Read(Morning.AddMinutes(5)));

        features.FailedEvents.Should().Be(5);
        features.DeniedEvents.Should().Be(3);
    }

    [Fact]
    public async Task A_redelivered_refusal_counts_once()
    {
        var refused = Denied(Morning);

        var features = await Analysis.FeaturesOfAsync(refused, refused, Read(Morning.AddMinutes(1)));

        features.DeniedEvents.Should().Be(1);
    }
}
