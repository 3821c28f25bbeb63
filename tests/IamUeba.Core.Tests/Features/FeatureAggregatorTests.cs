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
}
