using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.CloudTrail;

/// <summary>
/// The reader reads runs of plain events with the fast parser and resumes Utf8JsonReader after
/// them with a state that believes it is elsewhere. Whatever is found past such a run is reported
/// where it is: the line and column a single reader over the whole upload reports, and a byte near it.
/// </summary>
public sealed class FastRunTests
{
    // Set for the one read a test watches: its async continuations see it, other tests' reads do not.
    private static readonly AsyncLocal<bool> InThisRead = new();

    private static readonly Lazy<List<JsonObject>> StratusEvents = new(() =>
        Shapes.CorpusEvents(Corpus.AllFiles().Where(f => f.StartsWith("stratus-red-team/records/", StringComparison.Ordinal))));

    public static TheoryData<string, int, string> Cases()
    {
        var cases = new TheoryData<string, int, string>();
        foreach (var layout in new[] { "json lines", "json lines lower-cased", "records", "records indented", "array indented" })
        {
            // In the first buffer; past the first buffer; past the point where batches start (256 KB).
            foreach (var at in new[] { 3, 150, 900 })
            {
                foreach (var fault in new[] { "missing colon", "control character", "trailing comma", "bad literal" })
                {
                    cases.Add(layout, at, fault);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_fault_after_a_run_of_events_is_reported_where_it_is(string layout, int at, string fault)
    {
        var bytes = Upload(layout, at, fault);
        var expected = WholeReaderFault(bytes);

        var read = () => Reading.RecordAsync("upload.json", bytes);
        var analyse = () => Reading.AnalyzeAsync("upload.json", bytes);

        foreach (var error in new[] { (await read.Should().ThrowAsync<CloudTrailFormatException>()).Which, (await analyse.Should().ThrowAsync<CloudTrailFormatException>()).Which })
        {
            error.Problem.Should().Be(FormatProblem.Syntax, error.Message);
            (error.Line, error.Column).Should().Be((expected.Line, expected.Column), error.Message);

            // "Near byte": where the token being read starts, which can be the property name before the fault.
            error.ByteOffset.Should().BeInRange(expected.ByteOffset!.Value - 64, expected.ByteOffset.Value, error.Message);
            error.Message.Should().Contain($"line {expected.Line}, column {expected.Column}");
        }
    }

    [Theory]
    [InlineData("json lines")]
    [InlineData("json lines lower-cased")]
    [InlineData("records")]
    [InlineData("records indented")]
    [InlineData("array indented")]
    public async Task A_long_upload_reads_every_event_once(string layout)
    {
        var bytes = Upload(layout, at: -1, fault: "");
        var count = 1200;

        var recording = await Reading.RecordAsync("upload.json", bytes);
        var report = await Reading.AnalyzeAsync("upload.json", bytes);

        recording.Records.Should().Be(count);
        (recording.Part.Events + recording.Part.Skipped + recording.Part.Duplicates + recording.Part.Excluded).Should().Be(count);
        report.TotalEvents.Should().Be(recording.Part.Events);
    }

    [Theory]
    [InlineData("json lines")]
    [InlineData("records")]
    [InlineData("array indented")]
    public async Task A_byte_changed_anywhere_in_a_long_upload_is_read_or_refused_where_one_reader_would(string layout)
    {
        var clean = Upload(layout, at: -1, fault: "");
        var random = new Random(layout.Length * 7919);
        byte[] replacements = [.. "{}[],:\"\\0a \n"u8, 0x01];
        for (var i = 0; i < 40; i++)
        {
            var bytes = clean.ToArray();
            bytes[random.Next(bytes.Length)] = replacements[random.Next(replacements.Length)];
            var whole = WholeReaderFaultOrNull(bytes);

            foreach (var read in new Func<Task>[] { () => Reading.RecordAsync("upload.json", bytes), () => Reading.AnalyzeAsync("upload.json", bytes) })
            {
                try
                {
                    await read();
                    whole.Should().BeNull("the upload was read, so one reader over it finds no fault");
                }
                catch (CloudTrailFormatException error) when (whole is not null && error.Problem == FormatProblem.Syntax)
                {
                    (error.Line, error.Column).Should().Be((whole.Value.Line, whole.Value.Column), error.Message);
                }
                catch (CloudTrailFormatException error) when (whole is not null)
                {
                    // A fault the reader reports as something else (the depth limit, a top-level value that is not an object).
                    error.Problem.Should().NotBe(FormatProblem.Syntax, error.Message);
                }
            }
        }
    }

    private static (long? Line, long? Column, long? ByteOffset)? WholeReaderFaultOrNull(byte[] bytes)
    {
        try
        {
            return WholeReaderFault(bytes);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    [Theory]
    [InlineData("json lines")]
    [InlineData("records")]
    [InlineData("array indented")]
    public async Task An_event_cut_by_the_end_of_a_buffer_waits_for_the_next_without_a_second_parse(string layout)
    {
        // Only events the fast parser reads whole: one it declines goes to Utf8JsonReader, which
        // asks for more bytes by throwing NeedMoreData, as it should. The fast parser's events
        // used to go there too when cut, one exception and a second parse every 64 KB.
        var fast = StratusEvents.Value
            .Where(e => FastEventParser.TryParse(Encoding.UTF8.GetBytes(e.ToJsonString()), 0, new CloudTrailEvent(), new StringPool(), depth: 32, out _) == FastParse.Parsed)
            .ToList();
        fast.Should().HaveCountGreaterThan(100, "the corpus should give the fast parser plenty to read");
        var bytes = Upload(layout, at: -1, fault: "", fast);
        bytes.Length.Should().BeGreaterThan(10 * 64 * 1024, "the upload should cross many buffers' ends");

        var thrown = 0;
        void Count(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (InThisRead.Value && e.Exception is NeedMoreData)
            {
                Interlocked.Increment(ref thrown);
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        Recording recording;
        try
        {
            InThisRead.Value = true;
            recording = await Reading.RecordAsync("upload.json", bytes);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        recording.Records.Should().Be(1200);
        recording.Part.Events.Should().Be(1200);
        thrown.Should().Be(0);
    }

    /// <summary>1,200 Stratus events (or of <paramref name="from"/>), eventIDs made unique, in the layout; the event at <paramref name="at"/> broken.</summary>
    private static byte[] Upload(string layout, int at, string fault, List<JsonObject>? from = null)
    {
        from ??= StratusEvents.Value;
        var indented = new JsonSerializerOptions { WriteIndented = true };
        var events = Enumerable.Range(0, 1200).Select(i =>
        {
            var e = from[i % from.Count].DeepClone().AsObject();
            e["eventID"] = $"{i:D8}-0000-4000-8000-000000000000";
            if (layout.EndsWith("lower-cased", StringComparison.Ordinal))
            {
                // As Athena writes CloudTrail's columns: every key in lower case.
                e = LowerCased(e);
            }

            var text = layout.EndsWith("indented", StringComparison.Ordinal) ? e.ToJsonString(indented) : e.ToJsonString();
            return i == at ? Break(text, fault) : text;
        }).ToList();

        var document = layout switch
        {
            "json lines" or "json lines lower-cased" => string.Join("\n", events) + "\n",
            "records" => "{\"Records\":[" + string.Join(",", events) + "]}",
            "records indented" => "{\n  \"Records\": [\n" + string.Join(",\n", events) + "\n  ]\n}\n",
            _ => "[\n" + string.Join(",\n", events) + "\n]\n",
        };
        return Encoding.UTF8.GetBytes(document);
    }

    private static string Break(string json, string fault)
    {
        var broken = fault switch
        {
            "missing colon" => ReplaceFirst(json, "\"awsRegion\":", "\"awsRegion\" "),
            "control character" => ReplaceFirst(json, "\"userAgent\":", "\"userAgent\":\"\u0001\",\"x\":"),
            "trailing comma" => ReplaceFirst(json, "\"eventVersion\":", "\"z\":[1,],\"eventVersion\":"),
            _ => ReplaceFirst(json, "\"eventVersion\":", "\"z\":nul,\"eventVersion\":"),
        };
        broken.Should().NotBe(json);
        return broken;
    }

    private static JsonObject LowerCased(JsonObject e) =>
        (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(Lower(JsonSerializer.Deserialize<JsonElement>(e.ToJsonString()))))!;

    private static object? Lower(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name.ToLowerInvariant(), p => Lower(p.Value)),
        JsonValueKind.Array => value.EnumerateArray().Select(Lower).ToList(),
        _ => value,
    };

    private static string ReplaceFirst(string text, string what, string with)
    {
        // Any case: the lower-cased layout breaks the same keys.
        var at = text.IndexOf(what, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }

    /// <summary>What one reader over the whole upload says: 1-based line and column, and the byte where the failing token starts.</summary>
    private static (long? Line, long? Column, long? ByteOffset) WholeReaderFault(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            return (ex.LineNumber + 1, ex.BytePositionInLine + 1, reader.BytesConsumed);
        }

        throw new InvalidOperationException("the upload has no fault");
    }
}
