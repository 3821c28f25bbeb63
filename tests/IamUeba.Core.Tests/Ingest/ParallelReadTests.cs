using System.Text;
using System.Text.Json.Nodes;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Report;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.Ingest;

/// <summary>
/// Reading a part on several threads must not change a single byte of the answer: the same
/// principals, evidence, counts, skips and duplicates, and the same errors at the same positions.
/// Batching is forced from the first byte with tiny batches so that every corpus file is cut into
/// many batches handed to racing workers.
/// </summary>
public sealed class ParallelReadTests
{
    public static TheoryData<string> Files() => new(Corpus.AllFiles());

    public static TheoryData<int, int> Settings() => new()
    {
        { 2, 1 },      // every event its own batch
        { 3, 2048 },
        { 2, 64 * 1024 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_corpus_file_gives_the_same_answer_or_the_same_error_on_several_threads(string file)
    {
        var bytes = Corpus.Bytes(file);
        var sequential = await Outcome([(file, bytes)], Sequential());
        foreach (var (threads, batchBytes) in Settings().Select(row => ((int)row[0], (int)row[1])))
        {
            var parallel = await Outcome([(file, bytes)], Parallel(threads, batchBytes));
            parallel.Should().Be(sequential, $"{threads} threads, {batchBytes}-byte batches");
        }
    }

    [Fact]
    public async Task The_whole_corpus_in_one_upload_twice_over_gives_the_same_answer_with_its_duplicates()
    {
        // The second copy of every file is all duplicates, found across batches and parts.
        var files = ReadableCorpus();
        var upload = files.Concat(files.Select(f => ("again/" + f.Name, f.Bytes))).ToList();

        var sequential = await Outcome(upload, Sequential());
        var parallel = await Outcome(upload, Parallel(2, 1500));

        parallel.Should().Be(sequential);
        sequential.Should().Contain("\"duplicate_events\":");
    }

    [Fact]
    public async Task Events_that_trickle_in_to_three_workers_are_all_applied_in_file_order()
    {
        // Whichever worker finishes the batch due applies it and those after it, while the others
        // parse. A body that arrives a few hundred bytes at a time, with pauses, empties the queue
        // again and again, between and within parts: every batch must still be applied, in order.
        var files = ReadableCorpus();

        // A few rounds: a variant that left batches to one worker failed here (docs/performance.md,
        // step 15), in 2 of 5 runs of this class.
        var sequential = await Outcome(files, Sequential());
        for (var round = 0; round < 4; round++)
        {
            var trickled = await Outcome(files, Parallel(3, 1), bytes => new TricklingStream(bytes));
            trickled.Should().Be(sequential, $"round {round + 1}");
        }
    }

    [Fact]
    public async Task Values_cut_by_workers_in_several_parts_are_counted_once_each()
    {
        // Short strings cut everywhere; the workers' pools live from part to part and must not count twice.
        var files = ReadableCorpus();
        var sequential = Sequential();
        var parallel = Parallel(2, 2048);
        sequential.Limits.MaxStringLength = 64;
        parallel.Limits.MaxStringLength = 64;

        var one = await Outcome(files, sequential);
        var several = await Outcome(files, parallel);

        several.Should().Be(one);
        System.Text.Json.Nodes.JsonNode.Parse(one)!["truncated_values"]!.GetValue<long>().Should().BeGreaterThan(100);
    }

    [Fact]
    public async Task A_large_part_past_the_batching_threshold_gives_the_same_answer_with_the_default_batches()
    {
        // About 3 MB of JSON Lines: the first 256 KiB on the request's thread, the rest batched.
        var lines = new StringBuilder();
        var events = Corpus.EventLines();
        for (var copy = 0; lines.Length < 3_000_000; copy++)
        {
            foreach (var e in events)
            {
                // Fresh ids per copy, so that most copies are new events rather than duplicates.
                lines.Append(copy % 3 == 2 ? e : e.Replace("\"eventID\":\"", $"\"eventID\":\"c{copy}-", StringComparison.Ordinal)).Append('\n');
            }
        }

        var bytes = Encoding.UTF8.GetBytes(lines.ToString());
        var sequential = await Outcome([("big.jsonl", bytes)], Sequential());
        var parallel = await Outcome([("big.jsonl", bytes)], new DetectionOptions { ReadThreads = 2 });

        parallel.Should().Be(sequential);
        sequential.Should().NotStartWith("error:").And.Contain("\"total_events\":");
    }

    [Fact]
    public async Task Many_small_parts_past_the_threshold_together_give_the_same_answer_and_counts_per_part()
    {
        // About 60 KB a part, 3 MB in all: each part far below the 256 KiB threshold, the upload far
        // past it, so the later parts are batched and the workers go on from one part to the next.
        var parts = new List<(string Name, byte[] Bytes)>();
        var events = Corpus.EventLines();
        for (var copy = 0; parts.Sum(p => p.Bytes.Length) < 3_000_000; copy++)
        {
            var part = string.Concat(events.Take(40 + (copy % 7)).Select(e => e.Replace("\"eventID\":\"", $"\"eventID\":\"p{copy}-", StringComparison.Ordinal) + "\n"));
            parts.Add(($"part{copy}.jsonl", Encoding.UTF8.GetBytes(part)));
        }

        var sequential = await Outcome(parts, Sequential());
        var parallel = await Outcome(parts, new DetectionOptions { ReadThreads = 2 });

        parallel.Should().Be(sequential, "the per-file table with each part's counts included");
        JsonNode.Parse(sequential)!["files"]!.AsArray().Should().HaveCount(parts.Count);
    }

    [Fact]
    public async Task A_session_that_goes_on_after_a_broken_part_keeps_the_same_events_as_on_one_thread()
    {
        // As the command line does: a part that fails is reported, the parts before and after it count.
        var lines = Encoding.UTF8.GetBytes(string.Concat(Corpus.EventLines().Select(e => e + "\n")));
        var broken = lines[..(lines.Length / 2)];

        async Task<string> Read(DetectionOptions options)
        {
            var session = new DetectionPipeline(options).Begin();
            var errors = new List<string>();
            foreach (var (name, bytes) in new[] { ("first.jsonl", lines), ("cut.jsonl", broken), ("last.jsonl", lines) })
            {
                try
                {
                    await session.ReadAsync(new MemoryStream(bytes), name, CancellationToken.None);
                }
                catch (CloudTrailFormatException ex)
                {
                    errors.Add($"{ex.Part} line {ex.Line} column {ex.Column}: {ex.Message}");
                }
            }

            var answer = Reading.Comparable(await session.CompleteAsync());
            return string.Join('\n', errors) + "\n" + answer;
        }

        var sequential = await Read(Sequential());
        var parallel = await Read(Parallel(2, 2048));

        parallel.Should().Be(sequential);
        sequential.Should().StartWith("cut.jsonl line ");
    }

    [Fact]
    public async Task A_long_array_of_non_events_between_events_gives_the_same_skips_and_answer()
    {
        // Twenty thousand numbers weigh almost nothing: batches close by count as well as by bytes.
        var records = JsonNode.Parse(Corpus.Bytes(Corpus.AllFiles().First(f => Corpus.Expect(f).Shape == InputShape.Records)))!["Records"]!.AsArray();
        var items = new List<string>();
        for (var i = 0; i < 20_000; i++)
        {
            items.Add(i % 1000 == 0 ? records[i / 1000 % records.Count]!.ToJsonString() : i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var bytes = Encoding.UTF8.GetBytes("[" + string.Join(',', items) + "]");
        var sequential = await Outcome([("numbers.json", bytes)], Sequential());
        var parallel = await Outcome([("numbers.json", bytes)], Parallel(2, 64 * 1024));

        parallel.Should().Be(sequential);
        sequential.Should().Contain("\"not_an_object\":19980");
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public async Task A_cut_file_gives_the_same_error_and_keeps_the_same_events_before_it(double at)
    {
        var file = Corpus.AllFiles().Where(f => Corpus.Expect(f).Problem is null).OrderByDescending(f => Corpus.Bytes(f).Length).First();
        var bytes = Corpus.Bytes(file);
        var cut = bytes[..(int)(bytes.Length * at)];

        var sequential = await Recorded(cut, Sequential());
        var parallel = await Recorded(cut, Parallel(2, 512));

        parallel.Should().Be(sequential);
        sequential.Should().StartWith("error:");
    }

    public static TheoryData<string> SmallMultiEventFiles() => new(
        "stratus-red-team/raw/docs/detonation-logs/aws.initial-access.console-login-without-mfa.json",
        "trailscraper/raw/tests/smoke/events-for-smoke-test.json",
        "plaso/raw/test_data/jsonl/aws_cloudtrail.jsonl",
        "otel-collector-contrib/raw/extension/encoding/awslogsencodingextension/internal/unmarshaler/cloudtraillog/testdata/cloudtrail_log_cw.json",
        "elastic-integrations/raw/packages/aws/data_stream/cloudtrail/_dev/test/pipeline/test-console-login-json.log");

    [Theory]
    [MemberData(nameof(SmallMultiEventFiles))]
    public async Task Damaged_files_give_the_same_answer_or_error_on_several_threads(string file)
    {
        // Cut, flipped and garbage-stuffed copies: whatever one thread makes of them, several make too.
        var random = new Random(20_261_128 ^ file.Length);
        var bytes = Corpus.Bytes(file);
        var damaged = new List<byte[]>();
        for (var length = 0; length < bytes.Length; length += 1 + (bytes.Length / 150))
        {
            damaged.Add(bytes[..length]);
        }

        for (var i = 0; i < 100; i++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
            damaged.Add(flipped);
            var at = random.Next(bytes.Length + 1);
            damaged.Add([.. bytes[..at], (byte)"{}[],:\\"[random.Next(7)], .. bytes[at..]]);
        }

        foreach (var copy in damaged)
        {
            var sequential = await Outcome([(file, copy)], Sequential());
            var parallel = await Outcome([(file, copy)], Parallel(2, 1));
            parallel.Should().Be(sequential, $"{file}, {copy.Length} bytes");
        }
    }

    [Theory]
    [InlineData(Shapes.JsonLines)]
    [InlineData(Shapes.Records)]
    [InlineData(Shapes.Array)]
    [InlineData(Shapes.EventBridgeConcatenated)]
    public async Task A_byte_damaged_in_an_event_the_workers_check_is_refused_where_one_thread_refuses_it(string shape)
    {
        // Past the first 64 KB the reader only finds where events end (by their brackets) and the
        // workers check them. A quote, bracket, backslash, control byte or letter put anywhere there:
        // the same error at the same line, column and byte, the same events kept before it, or the same answer.
        var events = Shapes.CorpusEvents(Corpus.AllFiles().Where(f => f.StartsWith("stratus-red-team/records/", StringComparison.Ordinal)));
        var bytes = Shapes.Build(shape, [.. Enumerable.Range(0, 4).SelectMany(_ => events)]);
        bytes.Length.Should().BeGreaterThan(300_000);
        var random = new Random(20_261_202 ^ shape.Length);
        byte[] damage = [.. "\"{}[]\\,:x 1"u8, 0x01];
        var refused = 0;
        for (var i = 0; i < 60; i++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[random.Next(100_000, bytes.Length - 10)] = damage[random.Next(damage.Length)];

            var sequential = await Recorded(damaged, Sequential());
            var parallel = await Recorded(damaged, Parallel(2, 16 * 1024));

            parallel.Should().Be(sequential);
            refused += sequential.StartsWith("error:", StringComparison.Ordinal) ? 1 : 0;
        }

        refused.Should().BeGreaterThan(5, "damage outside a string value breaks the JSON");
    }

    [Fact]
    public async Task Cancelling_a_batched_read_stops_it_promptly()
    {
        var events = string.Join('\n', Enumerable.Repeat(Corpus.EventLines()[0], 200_000));
        using var cancel = new CancellationTokenSource();
        var stream = new CancellingStream(Encoding.UTF8.GetBytes(events), cancel, cancelAfter: 2_000_000);
        var session = new DetectionPipeline(Parallel(2, 4096)).Begin();

        var read = () => session.ReadAsync(stream, "endless.jsonl", cancel.Token);

        (await read.Should().ThrowAsync<OperationCanceledException>()).And.Should().NotBeNull();
        stream.BytesRead.Should().BeLessThan(3_000_000);
    }

    /// <summary>Every corpus file that reads without a fault, as upload parts.</summary>
    private static List<(string Name, byte[] Bytes)> ReadableCorpus() =>
        Corpus.AllFiles().Where(f => Corpus.Expect(f).Problem is null).Select(f => (f, Corpus.Bytes(f))).ToList();

    private static DetectionOptions Sequential() => new() { ReadThreads = 1 };

    private static DetectionOptions Parallel(int threads, int batchBytes) =>
        new() { ReadThreads = threads, BatchAfterBytes = 0, BatchTargetBytes = batchBytes };

    /// <summary>The whole answer as JSON (only the time taken removed), or the error with its position.</summary>
    private static async Task<string> Outcome(IReadOnlyList<(string Name, byte[] Bytes)> parts, DetectionOptions options, Func<byte[], Stream>? open = null)
    {
        try
        {
            var report = await Reading.AnalyzeAsync(parts, options, open);
            var json = System.Text.Json.JsonSerializer.SerializeToNode(report, ReportJson.Options)!.AsObject();
            json.Remove("duration_ms");
            return json.ToJsonString();
        }
        catch (CloudTrailFormatException ex)
        {
            return $"error: {ex.Problem} {ex.Part} line {ex.Line} column {ex.Column} byte {ex.ByteOffset}: {ex.Message}";
        }
    }

    /// <summary>What a read that fails part-way kept: the error, the part's counts and each principal's event count.</summary>
    private static async Task<string> Recorded(byte[] bytes, DetectionOptions options)
    {
        var session = new DetectionPipeline(options).Begin();
        try
        {
            await session.ReadAsync(new MemoryStream(bytes), "cut.json", CancellationToken.None);
            await session.FinishReadingAsync();
            return "read";
        }
        catch (CloudTrailFormatException ex)
        {
            var principals = session.Aggregator.Principals.Values
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{p.Key}={p.Count}");
            return $"error: {ex.Problem} line {ex.Line} column {ex.Column} byte {ex.ByteOffset}: {ex.Message}\n{string.Join('\n', principals)}";
        }
    }

    private sealed class CancellingStream(byte[] bytes, CancellationTokenSource cancel, long cancelAfter) : MemoryStream(bytes, writable: false)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 16 * 1024)], cancellationToken);
            BytesRead += n;
            if (BytesRead >= cancelAfter)
            {
                await cancel.CancelAsync();
            }

            return n;
        }
    }

    /// <summary>A body that arrives as over a slow network: at most 700 bytes a read, a pause every eighth.</summary>
    private sealed class TricklingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        private int _reads;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (++_reads % 8 == 0)
            {
                await Task.Delay(1, cancellationToken);
            }

            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, 700)], cancellationToken);
        }
    }
}
