using System.Diagnostics;
using System.Net;
using System.Text;
using IamUeba.Api.Tests.Support;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Api.Tests;

/// <summary>
/// Random mutations of real CloudTrail (corpus and samples) through HTTP: every answer is a 200 or a
/// 4xx problem, in bounded time, and the process's memory stays bounded. Seeded, so a failure replays.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FuzzTests(ApiFixture api)
{
    private const int Seed = 20261127;
    private static readonly int[] Acceptable = [200, 400, 413, 415, 422];

    public static TheoryData<int> Rounds()
    {
        var data = new TheoryData<int>();
        for (var round = 0; round < 12; round++)
        {
            data.Add(round);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rounds))]
    public async Task Mutated_uploads_get_a_200_or_a_4xx_problem_quickly(int round)
    {
        var random = new Random(Seed + round);
        var sources = Sources();
        using var client = api.CreateClient();
        var before = Process.GetCurrentProcess().WorkingSet64;

        for (var i = 0; i < 25; i++)
        {
            var original = sources[random.Next(sources.Count)];
            var (mutation, bytes) = Mutate(original, random);
            using HttpContent content = random.Next(3) == 0
                ? Requests.Raw(random.Next(2) == 0 ? bytes : Requests.Gzip(bytes), random.Next(2) == 0 ? "application/json" : "application/gzip")
                : Requests.Multipart(("fuzz.json", bytes));
            var clock = Stopwatch.StartNew();

            var response = await client.PostAsync("/detect", content).WaitAsync(TimeSpan.FromSeconds(30));

            var because = $"seed {Seed + round}, case {i}: {mutation}";
            ((int)response.StatusCode).Should().BeOneOf(Acceptable, because);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", because);
            }

            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), because);
        }

        (Process.GetCurrentProcess().WorkingSet64 - before).Should().BeLessThan(512L * 1024 * 1024, "memory stays bounded across mutated uploads");
    }

    private static List<byte[]> Sources()
    {
        var files = new[]
        {
            TestPaths.Sample("sample_cloudtrail.json"),
            TestPaths.CorpusFile("stratus-red-team/raw/docs/detonation-logs/aws.persistence.iam-create-admin-user.json"),
            TestPaths.CorpusFile("plaso/raw/test_data/jsonl/aws_cloudtrail.jsonl"),
            TestPaths.CorpusFile("otel-collector-contrib/raw/extension/encoding/awslogsencodingextension/internal/unmarshaler/cloudtraillog/testdata/cloudtrail_log_cw.json"),
            TestPaths.CorpusFile("cloud-custodian/raw/tests/data/cwe/event-cloud-trail-create-bucket.json"),
            TestPaths.CorpusFile("sekoia-intake-formats/records/aws-cloudtrail-tests.json"),
        };
        return [.. files.Select(File.ReadAllBytes)];
    }

    private static (string Mutation, byte[] Bytes) Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(6))
        {
            case 0:
                var cut = random.Next(bytes.Length);
                return ($"truncated at {cut}", bytes[..cut]);
            case 1:
                var flips = 1 + random.Next(8);
                for (var k = 0; k < flips; k++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return ($"{flips} bytes flipped", bytes);
            case 2:
                var at = random.Next(bytes.Length);
                var garbage = new byte[1 + random.Next(64)];
                random.NextBytes(garbage);
                return ($"{garbage.Length} garbage bytes inserted at {at}", [.. bytes[..at], .. garbage, .. bytes[at..]]);
            case 3:
                var from = random.Next(bytes.Length);
                var length = Math.Min(bytes.Length - from, 1 + random.Next(200));
                return ($"{length} bytes removed at {from}", [.. bytes[..from], .. bytes[(from + length)..]]);
            case 4:
                var text = Encoding.UTF8.GetString(bytes);
                var quote = text.IndexOf("\"eventTime\"", StringComparison.Ordinal);
                return quote < 0 ? ("unchanged", bytes) : ("eventTime renamed", Encoding.UTF8.GetBytes(text.Remove(quote + 1, 1).Insert(quote + 1, "X")));
            default:
                var depth = 1 + random.Next(200);
                return ($"wrapped in {depth} arrays", [.. Enumerable.Repeat((byte)'[', depth), .. bytes, .. Enumerable.Repeat((byte)']', depth)]);
        }
    }
}
