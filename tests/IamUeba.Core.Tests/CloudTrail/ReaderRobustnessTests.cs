using System.Text;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.CloudTrail;

/// <summary>
/// Property tests over small corpus files of every shape: cut short anywhere, bytes flipped, garbage
/// inserted, the reader either completes or refuses with a <see cref="CloudTrailFormatException"/>:
/// never another exception, never a hang. Seeded, so a failure repeats.
/// </summary>
public sealed class ReaderRobustnessTests
{
    private const int Seed = 20_240_801;
    private const int MutationsPerFile = 400;

    public static TheoryData<string> SmallFiles() => new(
        "stratus-red-team/raw/docs/detonation-logs/aws.initial-access.console-login-without-mfa.json", // array
        "trailscraper/raw/tests/smoke/events-for-smoke-test.json", // Records
        "plaso/raw/test_data/jsonl/aws_cloudtrail.jsonl", // lookup-events items, one per line
        "otel-collector-contrib/raw/extension/encoding/awslogsencodingextension/internal/unmarshaler/cloudtraillog/testdata/cloudtrail_log_cw.json", // CloudWatch Logs
        "cloud-custodian/raw/tests/data/cwe/event-cloud-trail-create-bucket.json", // EventBridge
        "ocsf-examples/raw/mappings_bloblang_AWS_CloudTrail_v1.0.0_Authentication_samples_authentication.raw.json", // single event
        "elastic-integrations/raw/packages/aws/data_stream/cloudtrail/_dev/test/pipeline/test-console-login-json.log", // JSON Lines
        "otel-collector-contrib/non_event_files/extension/encoding/awslogsencodingextension/internal/unmarshaler/cloudtraillog/testdata/cloudtrail_digest.json"); // digest

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public async Task A_file_cut_short_at_any_byte_is_read_or_refused_with_a_format_error(string file)
    {
        var bytes = Corpus.Bytes(file);
        var singleValue = Corpus.Expect(file).Shape is InputShape.Records or InputShape.Array or InputShape.CloudWatchLogs or InputShape.SingleEvent or InputShape.EventBridge or InputShape.Digest;
        var end = TrimmedLength(bytes);

        for (var length = 0; length < bytes.Length; length++)
        {
            var outcome = await ReadAsync(bytes.AsSpan(0, length).ToArray());
            if (singleValue && length < end && !IsBlank(bytes.AsSpan(0, length)))
            {
                // One JSON value cut short is never complete: it must not pass for a smaller file.
                outcome.Should().BeOfType<CloudTrailFormatException>($"{file} cut to {length} of {bytes.Length} bytes");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public async Task A_file_cut_short_inside_gzip_is_read_or_refused_with_a_format_error(string file)
    {
        var gzip = Shapes.Gzip(Corpus.Bytes(file));

        for (var length = 0; length < gzip.Length; length++)
        {
            await ReadAsync(gzip.AsSpan(0, length).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public async Task A_file_with_random_bytes_flipped_is_read_or_refused_with_a_format_error(string file)
    {
        var random = new Random(Seed ^ StableSeed(file));
        var bytes = Corpus.Bytes(file);

        for (var i = 0; i < MutationsPerFile; i++)
        {
            var mutated = (byte[])bytes.Clone();
            var flips = 1 + random.Next(4);
            for (var f = 0; f < flips; f++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            await ReadAsync(mutated);
            if (i % 8 == 0)
            {
                await ReadAsync(Shapes.Gzip(mutated));
            }
        }
    }

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public async Task A_file_with_garbage_inserted_is_read_or_refused_with_a_format_error(string file)
    {
        var random = new Random(Seed ^ StableSeed(file) ^ 0x5EED);
        var bytes = Corpus.Bytes(file);
        string[] pieces =
        [
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "\\u12", "null", "-", "1e999", "0x10", "\n", "\r\n", "\t",
            "\u00a0", "\u00ff", "\ufeff", "{\"Records\":[", "{\"Events\":[{\"CloudTrailEvent\":\"", "{\"logEvents\":[", "\"eventTime\":\"2024-13-45T99:99:99Z\"",
            "\"userIdentity\":{\"type\":\"AssumedRole\"}", "\u001f\u008b", "/*", "//", "'", "NaN", "true", "\"\"",
        ];

        for (var i = 0; i < MutationsPerFile; i++)
        {
            var at = random.Next(bytes.Length + 1);
            var garbage = random.Next(4) == 0
                ? Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256)).ToArray()
                : Encoding.UTF8.GetBytes(pieces[random.Next(pieces.Length)]);
            var mutated = bytes.Take(at).Concat(garbage).Concat(bytes.Skip(at)).ToArray();

            await ReadAsync(mutated);
        }
    }

    [Fact]
    public async Task A_bad_literal_is_quoted_in_a_few_characters_not_with_the_rest_of_the_buffer()
    {
        // The reader's own message quotes everything it holds from the bad token on: kilobytes.
        var events = Corpus.EventLines().Take(40).ToList();
        events[20] = events[20].Replace("\"eventVersion\":", "\"eventVersion\":f", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', events));

        var error = (await ReadAsync(bytes)).Should().BeOfType<CloudTrailFormatException>().Which;

        error.Problem.Should().Be(FormatProblem.Syntax);
        error.Line.Should().Be(21);
        error.Message.Should().MatchRegex("^not valid JSON at line 21, column [0-9]+ \\(near byte [0-9]+\\): 'f\"1\\.0[0-9]\"[^']{20,40}…' is an invalid JSON literal\\. Expected the literal 'false'\\.$");
    }

    [Fact]
    public async Task Gzip_of_gzip_of_gzip_is_refused_as_an_unknown_shape()
    {
        var bytes = Shapes.Gzip(Shapes.Gzip(Shapes.Gzip(Corpus.Bytes("trailscraper/raw/tests/smoke/events-for-smoke-test.json"))));

        (await ReadAsync(bytes)).Should().BeOfType<CloudTrailFormatException>().Which.Problem.Should().Be(FormatProblem.UnknownShape);
    }

    [Fact]
    public async Task Corrupt_gzip_is_refused_as_a_compression_error()
    {
        var gzip = Shapes.Gzip(Corpus.Bytes("trailscraper/raw/tests/smoke/events-for-smoke-test.json"));
        gzip[gzip.Length / 2] ^= 0xFF;
        gzip[(gzip.Length / 2) + 1] ^= 0xFF;

        (await ReadAsync(gzip)).Should().BeOfType<CloudTrailFormatException>().Which.Problem.Should().BeOneOf(FormatProblem.Compression, FormatProblem.Syntax);
    }

    /// <summary>Reads bytes with a deadline; returns null when read, the format error when refused. Anything else fails the test.</summary>
    private static async Task<CloudTrailFormatException?> ReadAsync(byte[] bytes)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = Task.Run(() => Reading.RecordAsync("mutated", bytes, cancellationToken: deadline.Token), deadline.Token);
        try
        {
            await read.WaitAsync(TimeSpan.FromSeconds(15));
            return null;
        }
        catch (CloudTrailFormatException ex)
        {
            ex.Part.Should().Be("mutated");
            return ex;
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"the reader failed with {ex.GetType().Name} instead of a format error on input {Convert.ToBase64String(bytes)[..Math.Min(200, Convert.ToBase64String(bytes).Length)]}…: {ex}");
        }
    }

    private static int TrimmedLength(byte[] bytes)
    {
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            end--;
        }

        return end;
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.StartsWith(Encoding.UTF8.GetPreamble()) ? 3 : 0;
        foreach (var b in bytes[start..])
        {
            if (b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static int StableSeed(string text) => (int)(IamUeba.Core.Features.StableHash.Of(text) & 0x7FFF_FFFF);
}
