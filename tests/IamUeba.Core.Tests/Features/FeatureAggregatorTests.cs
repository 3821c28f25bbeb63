using System.Text;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Core.Tests.Features;

public sealed class FeatureAggregatorTests
{
    [Fact]
    public void Events_observed_on_two_threads_reach_one_aggregate_per_principal_however_many_principals()
    {
        // Two reading threads give one principal's events two identity instances (each its own
        // resolver); more principals than the aggregator's cache of recent identities has slots.
        var options = new DetectionOptions();
        var aggregator = new FeatureAggregator(new StringPool(), options, new BusinessHours(TimeZoneInfo.Utc, options.BusinessHoursStart, options.BusinessHoursEnd));
        var threads = new[] { (Pool: new StringPool(), Observer: (EventObserver?)null), (Pool: new StringPool(), Observer: (EventObserver?)null) };
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t].Observer = aggregator.CreateObserver(threads[t].Pool);
        }

        const int Principals = 6000;
        var start = new DateTimeOffset(2024, 5, 6, 9, 0, 0, TimeSpan.Zero);
        var ids = new EventIdArena();
        var e = new CloudTrailEvent();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 3 * Principals; i++)
        {
            var name = $"user-{(i * 7919) % Principals}";
            var record = Record.IamUser(name).Call("DescribeInstances", "ec2.amazonaws.com", readOnly: true).At(start.AddSeconds(i)).WithId(Guid.NewGuid().ToString());
            var thread = threads[(i + (i / Principals)) % 2];
            EventParser.Parse(Encoding.UTF8.GetBytes(record.ToString()), e, thread.Pool);
            ids.Clear();
            thread.Observer!.Observe(e, ids, out var observation);
            aggregator.Apply(in observation, ids).Should().Be(EventOutcome.Accepted);
            var key = $"arn:aws:iam::{Record.Account}:user/{name}";
            expected[key] = expected.GetValueOrDefault(key) + 1;
        }

        aggregator.Principals.Should().HaveCount(Principals);
        aggregator.Principals.Values.Should().OnlyContain(p => p.Count == expected[p.Key]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_time_slices_first_event_is_kept_only_when_another_event_of_the_principal_is_within_the_window(bool newestFirst)
    {
        // Three hours apart, but for a pair two minutes apart: in no window of the rules (10 and 60
        // minutes) does a lone call meet another, so only the first sighting and the pair's first are kept.
        var start = new DateTimeOffset(2024, 5, 6, 9, 0, 0, TimeSpan.Zero);
        var times = new[] { start, start.AddHours(3), start.AddHours(6), start.AddHours(6).AddMinutes(2), start.AddHours(9) };
        var records = times.Select(t => Record.IamUser("ops").Call("ListBuckets", "s3.amazonaws.com", readOnly: true).At(t)).ToList();
        if (newestFirst)
        {
            records.Reverse();
        }

        var ops = Analysis.FeaturesOf([.. records]);

        // In time order the first sighting is 09:00 and the pair's first 15:00; newest first, 18:00 and 15:02.
        var expected = newestFirst ? new[] { times[3], times[4] } : [times[0], times[2]];
        ops.Aggregate.KeptDetails.Should().Be(2);
        ops.Entries.ToArray().Where(PrincipalFeatures.HasDetail).Select(e => ops.DetailOf(e)!.Time)
            .Should().Equal(expected.Select(t => t.ToUnixTimeSeconds()));
    }

    [Fact]
    public void Evidence_read_on_two_threads_shows_each_event_as_written()
    {
        // Kept events name their strings by index in one table per analysis: the same text read on
        // two threads (two instances) is one entry, more distinct texts than the table's cache of
        // recent instances has slots all read back, and an eventID that is not a UUID survives.
        var options = new DetectionOptions();
        var aggregator = new FeatureAggregator(new StringPool(), options, new BusinessHours(TimeZoneInfo.Utc, options.BusinessHoursStart, options.BusinessHoursEnd));
        var pools = new[] { new StringPool(), new StringPool() };
        var observers = pools.Select(aggregator.CreateObserver).ToArray();
        string[] regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
        var start = new DateTimeOffset(2024, 5, 6, 9, 0, 0, TimeSpan.Zero);
        var ids = new EventIdArena();
        var e = new CloudTrailEvent();
        var written = new Dictionary<string, (long Time, string Name, string Ip, string Region, string? Error)>(StringComparer.Ordinal);
        for (var i = 0; i < 6000; i++)
        {
            // Every address is new to its principal, so every event is kept.
            var eventId = i % 3 == 0 ? $"custom-id-{i}" : new Guid(i, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8).ToString("D");
            var ip = $"10.{i / 65536}.{(i / 256) % 256}.{i % 256}";
            var time = start.AddSeconds(i);
            var record = Record.IamUser($"user-{i % 40}").Call(i % 2 == 0 ? "DescribeInstances" : "RunInstances", "ec2.amazonaws.com")
                .At(time).From(ip).In(regions[i % 3]).WithId(eventId);
            if (i % 5 == 0)
            {
                record = record.Denied(i % 10 == 0 ? "AccessDenied" : "Client.UnauthorizedOperation");
            }

            EventParser.Parse(Encoding.UTF8.GetBytes(record.ToString()), e, pools[i % 2]);
            ids.Clear();
            observers[i % 2].Observe(e, ids, out var observation);
            aggregator.Apply(in observation, ids).Should().Be(EventOutcome.Accepted);
            written[eventId] = (time.ToUnixTimeSeconds(), i % 2 == 0 ? "DescribeInstances" : "RunInstances", ip, regions[i % 3], i % 5 != 0 ? null : i % 10 == 0 ? "AccessDenied" : "Client.UnauthorizedOperation");
        }

        var shown = aggregator.ComputeFeatures(options.Rules)
            .SelectMany(p => p.Entries.ToArray().Where(PrincipalFeatures.HasDetail).Select(entry => p.DetailOf(entry)!))
            .ToList();

        shown.Should().HaveCount(written.Count);
        var wrong = shown.Where(d => written[d.EventId!] != (d.Time, d.EventName, d.SourceIp!, d.Region!, d.ErrorCode)).ToList();
        wrong.Should().BeEmpty();
        shown.Select(d => d.EventId).Should().OnlyHaveUniqueItems();
    }
}
