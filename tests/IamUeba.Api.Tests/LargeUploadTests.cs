using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IamUeba.Api.Hosting;
using IamUeba.Api.Tests.Support;
using IamUeba.Core.Tests.Support;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace IamUeba.Api.Tests;

/// <summary>
/// Uploads past the first 256 KiB of a part are parsed on several threads: through HTTP the answer is the
/// same as on one thread, in two parts or gzip too, and a client leaving mid-upload stops the workers.
/// </summary>
public sealed class LargeUploadTests
{
    private static readonly Lazy<byte[]> Trail = new(BuildTrail);

    [Fact]
    public async Task A_large_upload_gets_the_same_answer_on_several_threads_as_on_one()
    {
        using var oneThread = ApiFixture.With(("IamUeba:ReadThreads", "1"));
        using var threeThreads = ApiFixture.With(("IamUeba:ReadThreads", "3"));
        var half = Array.LastIndexOf(Trail.Value, (byte)'\n', Trail.Value.Length / 2) + 1;
        var small = SmallParts(Trail.Value, 40_000);

        foreach (var upload in new Func<HttpContent>[]
        {
            () => Requests.Multipart(("trail.jsonl", Trail.Value)),
            () => Requests.Multipart(("first.jsonl", Trail.Value[..half]), ("second.jsonl", Trail.Value[half..])),
            () => Requests.Multipart(small), // each part far below the 256 KiB threshold, together far past it
            () => Requests.Multipart(("trail.jsonl.gz", Requests.Gzip(Trail.Value))),
        })
        {
            var expected = await oneThread.CreateClient().PostAsync("/detect", upload());
            var actual = await threeThreads.CreateClient().PostAsync("/detect", upload());

            expected.StatusCode.Should().Be(HttpStatusCode.OK, await expected.Content.ReadAsStringAsync());
            actual.StatusCode.Should().Be(HttpStatusCode.OK);
            var answer = await actual.Content.ReadAsStringAsync();
            Requests.WithoutTiming(answer).Should().Be(Requests.WithoutTiming(await expected.Content.ReadAsStringAsync()));
            JsonNode.Parse(answer)!["files"]!.AsArray().Sum(f => f!["bytes"]!.GetValue<long>()).Should().Be(Trail.Value.Length);
        }
    }

    [Fact]
    public async Task Over_real_sockets_large_uploads_in_one_part_many_parts_gzip_or_the_raw_body_get_the_in_memory_answer()
    {
        using var inMemory = new ApiFixture();
        using var sockets = new ApiFixture();
        sockets.UseLoopbackKestrel();
        using var client = sockets.CreateClient();
        var trail = Trail.Value;

        // Part sizes that are no multiple of the 64 KiB socket and multipart buffers, so that boundaries
        // and events fall across buffer edges at many different offsets.
        var cuts = new List<int> { 0 };
        for (var at = 65_537; at < trail.Length; at += 65_536 + 4_099 * cuts.Count)
        {
            cuts.Add(Array.IndexOf(trail, (byte)'\n', at) + 1);
        }

        cuts.Add(trail.Length);
        var parts = cuts.Zip(cuts.Skip(1)).Where(c => c.Second > c.First).Select((c, i) => ($"part{i}.jsonl", trail[c.First..c.Second])).ToArray();
        parts.Length.Should().BeGreaterThan(10);

        foreach (var (name, upload) in new (string, Func<HttpContent>)[]
        {
            ("one part", () => Requests.Multipart(("trail.jsonl", trail))),
            ($"{parts.Length} parts", () => Requests.Multipart(parts)),
            ("gzip", () => Requests.Multipart(("trail.jsonl.gz", Requests.Gzip(trail)))),
            ("raw body", () => Requests.Raw(trail, "application/x-ndjson")),
        })
        {
            var expected = await inMemory.CreateClient().PostAsync("/detect", upload());
            var actual = await client.PostAsync("/detect", upload());

            expected.StatusCode.Should().Be(HttpStatusCode.OK, name);
            actual.StatusCode.Should().Be(HttpStatusCode.OK, name);
            var answer = await actual.Content.ReadAsStringAsync();
            Requests.WithoutTiming(answer).Should().Be(Requests.WithoutTiming(await expected.Content.ReadAsStringAsync()), name);
            JsonNode.Parse(answer)!["files"]!.AsArray().Sum(f => f!["bytes"]!.GetValue<long>()).Should().Be(trail.Length, name);
        }

        sockets.Services.GetRequiredService<IMemoryPoolFactory<byte>>().Should().BeOfType<SocketBufferPool.Factory>("Kestrel receives into the service's 64 KiB buffers");
    }

    [Fact]
    public async Task A_client_that_leaves_a_large_upload_stops_the_workers_and_the_service_stays_healthy()
    {
        using var service = new ApiFixture();
        service.UseLoopbackKestrel();
        service.ClientOptions.AllowAutoRedirect = false;
        using var client = service.CreateClient();
        using var cancel = new CancellationTokenSource();
        // Far more than the sockets buffer, so the service is reading (and batching) when the client leaves.
        var endless = new EndlessContent(Trail.Value, cancel, cancelAfter: 64 * 1024 * 1024);

        var upload = () => client.PostAsync("/detect", endless, cancel.Token);

        await upload.Should().ThrowAsync<OperationCanceledException>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!service.Logs.Lines.Any(l => l.Contains("Analysis stopped during /detect", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        service.Logs.Lines.Should().Contain(l => l.Contains("Analysis stopped during /detect", StringComparison.Ordinal));
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await client.PostAsync("/detect", Requests.Sample("sample_cloudtrail.json"));
        after.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>The JSON Lines cut at the first line end past every <paramref name="size"/> bytes.</summary>
    private static (string FileName, byte[] Bytes)[] SmallParts(byte[] lines, int size)
    {
        var parts = new List<(string, byte[])>();
        for (var start = 0; start < lines.Length;)
        {
            var end = Math.Min(lines.Length, Array.IndexOf(lines, (byte)'\n', Math.Min(lines.Length - 1, start + size)) + 1);
            end = end <= start ? lines.Length : end;
            parts.Add(($"part{parts.Count}.jsonl", lines[start..end]));
            start = end;
        }

        return [.. parts];
    }

    /// <summary>About 3 MB of JSON Lines: the corpus's events, event ids made unique per copy.</summary>
    private static byte[] BuildTrail()
    {
        var events = Corpus.EventLines();
        var lines = new StringBuilder();
        for (var copy = 0; lines.Length < 3_000_000; copy++)
        {
            foreach (var e in events)
            {
                lines.Append(e.Replace("\"eventID\":\"", $"\"eventID\":\"c{copy}-", StringComparison.Ordinal)).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(lines.ToString());
    }

    /// <summary>JSON Lines sent as fast as the connection takes them, without end; the client gives up after some megabytes.</summary>
    private sealed class EndlessContent : HttpContent
    {
        private readonly byte[] _lines;
        private readonly CancellationTokenSource _cancel;
        private readonly long _cancelAfter;
        private long _sent;

        public EndlessContent(byte[] lines, CancellationTokenSource cancel, long cancelAfter)
        {
            (_lines, _cancel, _cancelAfter) = (lines, cancel, cancelAfter);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            while (true)
            {
                for (var at = 0; at < _lines.Length; at += 64 * 1024)
                {
                    var slice = _lines.AsMemory(at, Math.Min(64 * 1024, _lines.Length - at));
                    await stream.WriteAsync(slice);
                    _sent += slice.Length;
                    if (_sent >= _cancelAfter)
                    {
                        await _cancel.CancelAsync();
                    }
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
