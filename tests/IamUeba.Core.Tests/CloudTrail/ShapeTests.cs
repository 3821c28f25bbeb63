using System.Text;
using System.Text.Json.Nodes;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.CloudTrail;

/// <summary>
/// The container never changes the answer: Stratus's captured detonations, uploaded in every shape
/// of design §1, compressed or not, whole or in parts, read in any slices, give the same
/// per-principal results; and the reader's limits answer with format errors, not crashes.
/// </summary>
public sealed class ShapeTests
{
    private const int InitialBuffer = 64 * 1024;

    private static readonly Lazy<List<JsonObject>> StratusEvents = new(() =>
        Shapes.CorpusEvents(Corpus.AllFiles().Where(f => f.StartsWith("stratus-red-team/records/", StringComparison.Ordinal))));

    private static readonly Lazy<Task<string>> Baseline = new(() => ComparableAsync([("stratus.json", Shapes.Build(Shapes.Records, StratusEvents.Value))]));

    private static readonly Lazy<Task<IReadOnlyList<string>>> BaselineFacts = new(async () =>
        (await Reading.RecordAsync("stratus.json", Shapes.Build(Shapes.Records, StratusEvents.Value))).FactLines());

    public static TheoryData<string> AllShapes() => new(Shapes.All);

    [Fact]
    public async Task The_stratus_baseline_has_every_event_and_enough_principals_for_the_ml_layer()
    {
        var recording = await Reading.RecordAsync("stratus.json", Shapes.Build(Shapes.Records, StratusEvents.Value));

        recording.Records.Should().Be(310);
        recording.Part.Events.Should().Be(310);
        var report = await Reading.AnalyzeAsync("stratus.json", Shapes.Build(Shapes.Records, StratusEvents.Value));
        report.Ml.Ran.Should().BeTrue("the comparison should cover the ML layer's answer too");
    }

    [Theory]
    [MemberData(nameof(AllShapes))]
    public async Task Every_shape_gives_the_same_answer_as_records(string shape)
    {
        var bytes = Shapes.Build(shape, StratusEvents.Value);

        var recording = await Reading.RecordAsync("upload", bytes);
        recording.Records.Should().Be(310);
        recording.FactLines().Should().Equal(await BaselineFacts.Value);
        (await ComparableAsync([("upload", bytes)])).Should().Be(await Baseline.Value);
    }

    [Theory]
    [MemberData(nameof(AllShapes))]
    public async Task Every_shape_gzipped_gives_the_same_answer_as_records(string shape)
    {
        var bytes = Shapes.Gzip(Shapes.Build(shape, StratusEvents.Value));

        var recording = await Reading.RecordAsync("upload.gz", bytes);
        recording.Part.Gzip.Should().BeTrue();
        recording.FactLines().Should().Equal(await BaselineFacts.Value);
        (await ComparableAsync([("upload.gz", bytes)])).Should().Be(await Baseline.Value);
    }

    [Theory]
    [MemberData(nameof(AllShapes))]
    public async Task Every_shape_read_one_byte_at_a_time_gives_the_same_answer_as_the_whole_buffer(string shape)
    {
        var bytes = Shapes.Build(shape, StratusEvents.Value);

        (await ComparableAsync([("upload", bytes)], b => new OneByteStream(b))).Should().Be(await Baseline.Value);
        (await ComparableAsync([("upload.gz", Shapes.Gzip(bytes))], b => new OneByteStream(b))).Should().Be(await Baseline.Value);
    }

    [Fact]
    public async Task The_same_events_split_over_three_files_give_the_same_answer()
    {
        var parts = Shapes.SplitIntoThree(StratusEvents.Value);

        parts.Should().HaveCount(3);
        (await ComparableAsync(parts)).Should().Be(await Baseline.Value);
    }

    [Fact]
    public async Task Three_parts_of_different_shapes_give_the_same_answer()
    {
        var events = StratusEvents.Value;
        var third = (events.Count + 2) / 3;
        var parts = new (string, byte[])[]
        {
            ("a.json.gz", Shapes.Gzip(Shapes.Build(Shapes.Records, events.Take(third).ToList()))),
            ("b.jsonl", Shapes.Build(Shapes.LookupEventsLines, events.Skip(third).Take(third).ToList())),
            ("c.json", Shapes.Build(Shapes.CloudWatchLogs, events.Skip(2 * third).ToList())),
        };

        (await ComparableAsync(parts)).Should().Be(await Baseline.Value);
    }

    [Theory]
    [InlineData("eventName")]
    [InlineData("eventID")]
    [InlineData("eventType")]
    [InlineData("awsRegion")]
    [InlineData("@timestamp")]
    public async Task An_object_where_a_string_belongs_costs_only_that_field(string key)
    {
        // Before, the object's members were read as the event's own and the reader lost its place:
        // the next event's keys came out as "items that are not events".
        var odd = StratusEvent("c64c4ded-ef03-4e5c-81eb-153b118d72f2");
        odd[key] = JsonNode.Parse("""{"eventName":"DeleteTrail","eventTime":"2024-01-01T00:00:00Z","nested":[{"a":1}]}""");
        JsonObject[] events = [StratusEvent("865d9377-9c6b-4fd7-8aad-725e95f6a140"), odd, StratusEvent("91529247-c4c4-4793-afc8-d70bbcfe9d19")];

        foreach (var shape in new[] { Shapes.Records, Shapes.JsonLines })
        {
            var recording = await Reading.RecordAsync("odd.json", Shapes.Build(shape, events));

            recording.Records.Should().Be(3, shape);
            recording.Part.Events.Should().Be(key == "eventName" ? 2 : 3, shape);
            recording.Part.Skipped.Should().Be(key == "eventName" ? 1 : 0, shape);
            recording.Events.Should().NotContain(e => e.EventName == "DeleteTrail", "the object's members are not the event's");
            recording.Event("91529247-c4c4-4793-afc8-d70bbcfe9d19").EventName.Should().NotBeNullOrEmpty();
        }
    }

    [Theory]
    [InlineData("""{"errorCode":"AccessDenied","errorMessage":"User: arn:aws:iam::111122223333:user/ci is not authorized to perform: cloudtrail:LookupEvents"}""")]
    [InlineData("""{"awsRegion":"us-east-1","trailName":"management-events","isMultiRegionTrail":true}""")]
    public async Task A_file_of_something_else_is_refused_with_the_shapes_we_expect_even_when_it_starts_with_a_cloudtrail_field(string json)
    {
        // Keys that start an event once a file has shown it holds events (as sorted keys do) do not
        // make an API error or a trail's description saved by mistake pass for an event without a time.
        foreach (var text in new[] { json, json + "\n" + json + "\n" })
        {
            var read = () => Reading.RecordAsync("wrong.json", Encoding.UTF8.GetBytes(text));

            var error = (await read.Should().ThrowAsync<CloudTrailFormatException>()).Which;
            error.Problem.Should().Be(FormatProblem.UnknownShape);
            error.Message.Should().StartWith("found a top-level object with keys [").And.Contain("a single event with eventName and eventTime");
        }
    }

    [Fact]
    public async Task In_json_lines_with_sorted_keys_an_object_that_is_not_an_event_costs_only_itself()
    {
        // Stratus writes its keys sorted: every event starts with awsRegion. Past the first event
        // such a first key starts an event, so an object of that kind without eventTime is a skipped
        // event, as one starting with eventVersion always was, and the events after it are read.
        var events = StratusEvents.Value.Take(40).Select(e => e.DeepClone().AsObject()).ToList();
        events.Should().OnlyContain(e => e.First().Key == "awsRegion");
        events.Insert(20, new JsonObject { ["awsRegion"] = "us-east-1", ["note"] = "not an event" });

        var recording = await Reading.RecordAsync("sorted.jsonl", Shapes.Build(Shapes.JsonLines, events));

        recording.Records.Should().Be(41);
        recording.Part.Events.Should().Be(40);
        recording.Part.Skipped.Should().Be(1);
        recording.SkipCounts.Should().ContainKey(SkipReason.MissingEventTime).WhoseValue.Should().Be(1);
        recording.Part.Shape.Should().Be(InputShape.JsonLines);
    }

    [Theory]
    [InlineData("arn")]
    [InlineData("type")]
    [InlineData("accessKeyId")]
    public async Task An_object_where_a_string_belongs_in_the_identity_costs_only_that_field(string key)
    {
        var odd = StratusEvent("c64c4ded-ef03-4e5c-81eb-153b118d72f2");
        odd["userIdentity"]![key] = JsonNode.Parse("""{"arn":"arn:aws:iam::111122223333:root","type":"Root"}""");
        JsonObject[] events = [odd, StratusEvent("91529247-c4c4-4793-afc8-d70bbcfe9d19")];

        var recording = await Reading.RecordAsync("odd.json", Shapes.Build(Shapes.Records, events));

        recording.Part.Events.Should().Be(2);
        recording.Part.Skipped.Should().Be(0);
        recording.Events.Should().NotContain(e => e.PrincipalType == "Root");
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("upper")]
    public async Task Keys_in_another_case_give_the_same_answer(string casing)
    {
        // Some exports lower-case every key (eventname, useridentity.sessioncontext.sessionissuer.arn),
        // others capitalise them: the keys the parsers read, and those beside them, in another case.
        Func<string, string> recase = casing == "lower" ? k => k.ToLowerInvariant() : k => k.ToUpperInvariant();
        var events = StratusEvents.Value.Select(e => Recase(e.DeepClone().AsObject(), recase, depth: 4)).ToList();
        var bytes = Shapes.Build(Shapes.Records, events);
        Encoding.UTF8.GetString(bytes).Should().NotContain("\"eventName\"").And.NotContain("\"sessionIssuer\"");

        var recording = await Reading.RecordAsync("recased.json", bytes);

        recording.FactLines().Should().Equal(await BaselineFacts.Value);
        (await ComparableAsync([("recased.json", bytes)])).Should().Be(await Baseline.Value);
    }

    // Keys of objects down to the given depth (the keys of an event's sessionIssuer are at the fourth); arrays are left as they are.
    private static JsonObject Recase(JsonObject json, Func<string, string> recase, int depth)
    {
        var recased = new JsonObject();
        foreach (var (key, value) in json.ToList())
        {
            json.Remove(key);
            recased[recase(key)] = depth > 1 && value is JsonObject inner ? Recase(inner, recase, depth - 1) : value;
        }

        return recased;
    }

    [Theory]
    [InlineData(Shapes.Records)]
    [InlineData(Shapes.JsonLines)]
    [InlineData(Shapes.LookupEvents)]
    public async Task A_utf8_byte_order_mark_is_ignored(string shape)
    {
        var bytes = Shapes.Build(shape, StratusEvents.Value);
        var withBom = Encoding.UTF8.GetPreamble().Concat(bytes).ToArray();

        (await ComparableAsync([("bom.json", withBom)])).Should().Be(await Baseline.Value);
        (await ComparableAsync([("bom.json.gz", Shapes.Gzip(withBom))])).Should().Be(await Baseline.Value);
    }

    [Theory]
    [MemberData(nameof(AllShapes))]
    public async Task The_reader_buffer_may_end_at_any_byte_of_the_upload(string shape)
    {
        // Stratus's console sign-in, given request parameters with every kind of JSON token (numbers,
        // literals, escapes, a surrogate pair, empty containers), after white space that puts the end
        // of the reader's first 64 KB buffer on each byte of it in turn: every token is cut once, and
        // the reader must resume it from the next read.
        var login = StratusEvent("865d9377-9c6b-4fd7-8aad-725e95f6a140");
        login["requestParameters"] = JsonNode.Parse("""
            {"n":-1.5e3,"i":42,"t":true,"f":false,"z":null,"e":[],"o":{},"a":[[1,2],{"k":"v"}],"s":"quote \" backslash \\ \u00e9 \ud83e\udd16 tab\t"}
            """);
        var content = Shapes.Build(shape, [login]);
        var expected = (await Reading.RecordAsync("whole", content)).FactLines();
        expected.Should().HaveCount(1);

        var padded = new byte[InitialBuffer + content.Length];
        for (var cut = 0; cut <= content.Length; cut++)
        {
            var pad = InitialBuffer - cut;
            padded.AsSpan(0, pad).Fill((byte)' ');
            content.CopyTo(padded, pad);

            var length = pad + content.Length;
            var facts = (await Reading.RecordAsync("padded", padded, open: b => new MemoryStream(b, 0, length, writable: false))).FactLines();
            facts.Should().Equal(expected, $"the first buffer ended after byte {cut} of the {shape} JSON");
        }
    }

    [Theory]
    [MemberData(nameof(AllShapes))]
    public async Task An_event_larger_than_the_first_buffer_is_read_whole(string shape)
    {
        var big = Big(StratusEvent("c64c4ded-ef03-4e5c-81eb-153b118d72f2"), 300 * 1024);
        JsonObject[] events = [StratusEvent("865d9377-9c6b-4fd7-8aad-725e95f6a140"), big, StratusEvent("91529247-c4c4-4793-afc8-d70bbcfe9d19")];

        var recording = await Reading.RecordAsync("big.json", Shapes.Build(shape, events));

        recording.Part.Events.Should().Be(3);
        recording.Part.Skipped.Should().Be(0);
        recording.Event("c64c4ded-ef03-4e5c-81eb-153b118d72f2").PrincipalKey.Should().Be("arn:aws:iam::946986569305:user/christophe");
        var small = await Reading.RecordAsync("small.json", Shapes.Build(Shapes.Records, [events[0], StratusEvent("c64c4ded-ef03-4e5c-81eb-153b118d72f2"), events[2]]));
        recording.FactLines().Should().Equal(small.FactLines());
    }

    [Theory]
    [MemberData(nameof(AllShapes))]
    public async Task An_event_larger_than_the_event_limit_is_refused_as_too_large(string shape)
    {
        var options = new DetectionOptions { Limits = { MaxEventBytes = 200 * 1024 } };
        var big = Big(StratusEvent("c64c4ded-ef03-4e5c-81eb-153b118d72f2"), 300 * 1024);
        var bytes = Shapes.Build(shape, [StratusEvent("865d9377-9c6b-4fd7-8aad-725e95f6a140"), big]);

        var read = () => Reading.RecordAsync("too-big.json", bytes, options);

        var error = (await read.Should().ThrowAsync<CloudTrailFormatException>()).Which;
        error.Problem.Should().Be(FormatProblem.TooLarge, error.Message);
        error.Message.Should().Contain("MaxEventBytes");
        error.Part.Should().Be("too-big.json");
    }

    [Fact]
    public async Task An_event_over_the_default_one_megabyte_limit_is_refused_as_too_large()
    {
        var big = Big(StratusEvent("c64c4ded-ef03-4e5c-81eb-153b118d72f2"), 1200 * 1024);

        var read = () => Reading.RecordAsync("too-big.json", Shapes.Build(Shapes.Records, [big]));

        (await read.Should().ThrowAsync<CloudTrailFormatException>()).Which.Problem.Should().Be(FormatProblem.TooLarge);
    }

    [Theory]
    [InlineData(Shapes.Records)]
    [InlineData(Shapes.Array)]
    [InlineData(Shapes.JsonLines)]
    [InlineData(Shapes.EventBridgeLines)]
    public async Task Nesting_deeper_than_the_limit_is_an_error_not_a_crash(string shape)
    {
        var deep = StratusEvent("c64c4ded-ef03-4e5c-81eb-153b118d72f2");
        deep["requestParameters"] = Nested(100);

        var bytes = Shapes.Build(shape, [deep]);

        var read = () => Reading.RecordAsync("deep.json", bytes);

        var error = (await read.Should().ThrowAsync<CloudTrailFormatException>()).Which;
        error.Problem.Should().Be(FormatProblem.TooLarge, error.Message);
        error.Message.Should().Contain("MaxDepth");
        error.ByteOffset.Should().BeGreaterThan(Encoding.UTF8.GetString(bytes).IndexOf("\"level\"", StringComparison.Ordinal), "the fault is inside the nesting, not at the event's start");
    }

    [Theory]
    [InlineData(Shapes.LookupEvents)]
    [InlineData(Shapes.CloudWatchLogs)]
    public async Task An_event_string_nested_deeper_than_the_limit_is_skipped_as_unreadable_not_a_crash(string shape)
    {
        // Inside a CloudTrailEvent or message string the event is a value, not structure of the upload.
        var deep = StratusEvent("c64c4ded-ef03-4e5c-81eb-153b118d72f2");
        deep["requestParameters"] = Nested(100);

        var recording = await Reading.RecordAsync("deep.json", Shapes.Build(shape, [deep, StratusEvent("865d9377-9c6b-4fd7-8aad-725e95f6a140")]));

        recording.SkipCounts.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.EmbeddedEventNotJson] = 1 });
        recording.Part.Events.Should().Be(1);
    }

    [Fact]
    public async Task Ten_thousand_nested_arrays_are_an_error_not_a_stack_overflow()
    {
        var bytes = Encoding.ASCII.GetBytes(new string('[', 10_000) + new string(']', 10_000));

        var read = () => Reading.RecordAsync("deep.json", bytes);

        (await read.Should().ThrowAsync<CloudTrailFormatException>()).Which.Problem.Should().Be(FormatProblem.TooLarge);
    }

    [Theory]
    [MemberData(nameof(AllShapes))]
    public async Task Korean_text_and_emoji_are_read_the_same_whether_written_raw_or_escaped(string shape)
    {
        var e = StratusEvent("c64c4ded-ef03-4e5c-81eb-153b118d72f2");
        e["userIdentity"]!["arn"] = "arn:aws:iam::946986569305:user/김철수";
        e["userIdentity"]!["userName"] = "김철수";
        e["userAgent"] = "콘솔 🤖 agent";
        var escaped = Shapes.Build(shape, [e]);
        var raw = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(escaped)
            .Replace("\\\\uAE40\\\\uCCA0\\\\uC218", "김철수", StringComparison.Ordinal)
            .Replace("\\uAE40\\uCCA0\\uC218", "김철수", StringComparison.Ordinal));
        Encoding.UTF8.GetString(raw).Should().Contain("김철수", "the raw file writes the name as UTF-8 bytes");

        foreach (var bytes in new[] { escaped, raw })
        {
            var recording = await Reading.RecordAsync("korean.json", bytes);
            var fact = recording.Events.Should().ContainSingle().Subject;
            fact.PrincipalKey.Should().Be("arn:aws:iam::946986569305:user/김철수");
            recording.Aggregator.Principals[fact.PrincipalKey].UserAgents.Count.Should().Be(1);
        }
    }

    [Fact]
    public async Task The_sekoia_event_with_korean_and_emoji_in_its_response_is_read()
    {
        var recording = await Reading.RecordCorpusAsync("sekoia-intake-formats/records/aws-cloudtrail-tests.json");

        var e = recording.Event("18312058-5aae-41a9-9a72-9c47a50ece24");
        e.EventName.Should().Be("ListRealtimeContactAnalysisSegmentsV2");
        e.PrincipalKey.Should().Be("arn:aws:iam::1111111111:root");
    }

    [Theory]
    [InlineData(Shapes.Records)]
    [InlineData(Shapes.LookupEvents)]
    public async Task A_lone_surrogate_escape_in_a_field_is_read_as_written_not_a_crash(string shape)
    {
        // JSON allows "\ud800" syntactically, but it has no UTF-8 form: System.Text.Json throws
        // InvalidOperationException when asked for the text. The event is still read.
        var e = StratusEvent("c64c4ded-ef03-4e5c-81eb-153b118d72f2");
        e["userAgent"] = "LONE-SURROGATE";
        e["userIdentity"]!["userName"] = "LONE-SURROGATE";
        var text = Encoding.UTF8.GetString(Shapes.Build(shape, [e]));
        var bytes = Encoding.UTF8.GetBytes(text.Replace("LONE-SURROGATE", shape == Shapes.LookupEvents ? "\\\\ud800x" : "\\ud800x", StringComparison.Ordinal));

        var recording = await Reading.RecordAsync("surrogate.json", bytes);

        var fact = recording.Events.Should().ContainSingle().Subject;
        fact.PrincipalKey.Should().Be("arn:aws:iam::946986569305:user/christophe");
        recording.Aggregator.Principals[fact.PrincipalKey].UserAgents.Count.Should().Be(1);
    }

    [Theory]
    [InlineData(Shapes.Records)]
    [InlineData(Shapes.JsonLines)]
    public async Task A_long_run_of_white_space_between_events_is_not_held_in_memory(string shape)
    {
        // The reader's buffer grows only to the largest event (design §1: bytes stream through).
        var text = Encoding.UTF8.GetString(Shapes.Build(shape, [StratusEvent("865d9377-9c6b-4fd7-8aad-725e95f6a140"), StratusEvent("91529247-c4c4-4793-afc8-d70bbcfe9d19")]));
        var split = shape == Shapes.Records ? text.IndexOf(",{\"", StringComparison.Ordinal) : text.IndexOf('\n', StringComparison.Ordinal) + 1;
        var bytes = Encoding.UTF8.GetBytes(text[..split] + new string(' ', 8 * 1024 * 1024) + text[split..]);

        await using var stream = new ReadSizeRecordingStream(new MemoryStream(bytes));
        var recording = await Reading.RecordAsync("spaced.json", bytes, open: _ => stream);

        recording.Part.Events.Should().Be(2);
        stream.LargestRead.Should().BeLessThanOrEqualTo(1024 * 1024, "no single event here is larger than a few KB");
    }

    private static JsonObject Big(JsonObject e, int bytes)
    {
        var clone = e.DeepClone().AsObject();
        clone["requestParameters"] = new JsonObject { ["userName"] = "christophe", ["padding"] = new string('x', bytes) };
        return clone;
    }

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonObject { ["leaf"] = true };
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["level"] = node };
        }

        return node;
    }

    private static JsonObject StratusEvent(string eventId) => StratusEvents.Value.Single(e => (string?)e["eventID"] == eventId).DeepClone().AsObject();

    private static async Task<string> ComparableAsync(IEnumerable<(string Name, byte[] Bytes)> parts, Func<byte[], Stream>? open = null) =>
        Reading.Comparable(await Reading.AnalyzeAsync(parts, open: open));
}
