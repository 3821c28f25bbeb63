using System.Net;
using System.Security.Cryptography;
using System.Text;
using IamUeba.Api.Tests.Support;
using IamUeba.Core.Tests.Support;
using Record = IamUeba.Core.Tests.Support.Record;

namespace IamUeba.Api.Tests;

/// <summary>Keys, overload and hostile uploads: a 4xx or 503 problem answer, never a 500, and the service stays healthy.</summary>
public sealed class HardeningTests
{
    private const string Key = "s3cr3t-key-for-tests";


    [Fact]
    public async Task With_a_key_configured_detect_answers_401_without_it_and_health_stays_open()
    {
        using var secured = ApiFixture.With(("Security:ApiKeys:0", Key));
        using var client = secured.CreateClient();

        var denied = await client.PostAsync("/detect", Requests.Sample("sample_cloudtrail.json"));
        var health = await client.GetAsync("/health");

        denied.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        denied.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        denied.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_key_is_refused()
    {
        using var secured = ApiFixture.With(("Security:ApiKeys:0", Key));
        using var client = secured.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key + "x");

        var response = await client.PostAsync("/detect", Requests.Sample("sample_cloudtrail.json"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Json())["detail"]!.GetValue<string>().Should().Contain("not valid").And.NotContain(Key);
    }

    [Theory]
    [InlineData("X-Api-Key", Key)]
    [InlineData("Authorization", "Bearer " + Key)]
    public async Task The_key_is_accepted_as_a_header_or_a_bearer_token(string header, string value)
    {
        using var secured = ApiFixture.With(("Security:ApiKeys:0", Key));
        using var client = secured.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);

        var response = await client.PostAsync("/detect", Requests.Sample("sample_cloudtrail.json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_hashed_key_in_configuration_accepts_the_key_it_hashes()
    {
        var hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
        using var secured = ApiFixture.With(("Security:ApiKeys:0", hash));
        using var client = secured.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var response = await client.PostAsync("/detect", Requests.Sample("sample_cloudtrail.json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    // These tests run on Kestrel (real sockets) with redirects off: the default test client follows
    // redirects, and to do so buffers each request body whole, so nothing would stream.
    [Fact]
    public async Task A_request_beyond_the_running_analyses_and_the_queue_is_a_503_with_retry_after()
    {
        using var busy = ApiFixture.With(("IamUeba:Overload:MaxConcurrentAnalyses", "1"), ("IamUeba:Overload:QueueLimit", "0"), ("IamUeba:Overload:RetryAfterSeconds", "7"));
        busy.UseLoopbackKestrel();
        busy.ClientOptions.AllowAutoRedirect = false;
        using var client = busy.CreateClient();
        var gate = new SlowContent();
        var slow = client.PostAsync("/detect", gate.AsRawJson());
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(500);

        var rejected = await client.PostAsync("/detect", Requests.Sample("sample_cloudtrail.json"));
        gate.Finish();
        var first = await slow;

        rejected.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        rejected.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
        (await rejected.Json())["detail"]!.GetValue<string>().Should().Contain("MaxConcurrentAnalyses");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_within_the_ratio_limit_and_the_service_stays_healthy()
    {
        using var service = new ApiFixture();
        using var client = service.CreateClient();
        var bomb = Requests.Gzip(Encoding.ASCII.GetBytes("{\"Records\":[" + new string(' ', 64 * 1024 * 1024) + "]}"), System.IO.Compression.CompressionLevel.SmallestSize);

        var response = await client.PostAsync("/detect", Requests.Raw(bomb, "application/gzip"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Json())["detail"]!.GetValue<string>().Should().Contain("MaxCompressionRatio");
        (await client.PostAsync("/detect", Requests.Sample("sample_cloudtrail.json"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Json_past_the_decompressed_limit_of_the_upload_is_a_413_naming_it()
    {
        using var limited = ApiFixture.With(("IamUeba:Limits:MaxDecompressedBytes", "20000"));
        using var client = limited.CreateClient();
        var sample = File.ReadAllBytes(TestPaths.Sample("sample_cloudtrail.json"));

        var response = await client.PostAsync("/detect", Requests.Raw(Requests.Gzip(sample), "application/gzip"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Json())["detail"]!.GetValue<string>().Should().Contain("Limits:MaxDecompressedBytes");
    }

    [Fact]
    public async Task A_ten_thousand_part_request_is_refused_naming_the_parts_limit()
    {
        using var service = new ApiFixture();
        using var client = service.CreateClient();
        using var form = new MultipartFormDataContent();
        var tiny = Encoding.UTF8.GetBytes("{\"Records\":[]}");
        for (var i = 0; i < 10_000; i++)
        {
            form.Add(new ByteArrayContent(tiny), "file", $"part{i}.json");
        }

        var response = await client.PostAsync("/detect", form);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Json())["detail"]!.GetValue<string>().Should().Contain("IamUeba:Upload:MaxParts");
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_one_megabyte_event_name_is_refused_as_too_large()
    {
        using var service = new ApiFixture();
        using var client = service.CreateClient();
        var json = "{\"Records\":[{\"eventTime\":\"2024-01-15T10:00:00Z\",\"eventName\":\"" + new string('A', 1024 * 1024) + "\"}]}";

        var response = await client.PostAsync("/detect", Requests.Raw(Encoding.ASCII.GetBytes(json), "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Json())["detail"]!.GetValue<string>().Should().Contain("MaxEventBytes");
    }

    [Fact]
    public async Task A_100_kb_user_agent_is_cut_and_counted_not_kept_whole()
    {
        using var service = new ApiFixture();
        using var client = service.CreateClient();
        var record = Record.IamUser("alice").Call("ListBuckets", "s3.amazonaws.com", readOnly: true).Set("userAgent", new string('x', 100 * 1024));

        var response = await client.PostAsync("/detect", Requests.Raw(Encoding.UTF8.GetBytes(Record.File(record)), "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Json())["truncated_values"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task Ten_thousand_levels_of_nesting_are_refused_naming_the_depth_limit()
    {
        using var service = new ApiFixture();
        using var client = service.CreateClient();
        var json = "{\"Records\":[" + new string('[', 10_000) + new string(']', 10_000) + "]}";

        var response = await client.PostAsync("/detect", Requests.Raw(Encoding.ASCII.GetBytes(json), "application/json"));

        ((int)response.StatusCode).Should().BeOneOf(413, 422);
        (await response.Json())["detail"]!.GetValue<string>().Should().Contain("MaxDepth");
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_upload_stops_the_analysis()
    {
        using var service = new ApiFixture();
        service.UseLoopbackKestrel();
        service.ClientOptions.AllowAutoRedirect = false;
        using var client = service.CreateClient();
        var endless = new SlowContent(endless: true);
        using var cancel = new CancellationTokenSource();

        var upload = client.PostAsync("/detect", endless.AsRawJson(), cancel.Token);
        await endless.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        var act = async () => await upload;

        await act.Should().ThrowAsync<OperationCanceledException>();
        await endless.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!service.Logs.Lines.Any(l => l.Contains("Analysis stopped during /detect", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        service.Logs.Lines.Should().Contain(l => l.Contains("Analysis stopped during /detect", StringComparison.Ordinal), "the server stops the analysis when the client goes away");
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_that_stalls_mid_body_is_dropped_and_the_service_stays_healthy()
    {
        using var service = ApiFixture.With(("IamUeba:Overload:MinUploadBytesPerSecond", "100000"), ("IamUeba:Overload:MinUploadGraceSeconds", "2"));
        service.UseLoopbackKestrel();
        service.ClientOptions.AllowAutoRedirect = false;
        using var client = service.CreateClient();
        var stalled = new SlowContent();

        var upload = client.PostAsync("/detect", stalled.AsRawJson());
        await stalled.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!service.Logs.Lines.Any(l => l.Contains("too slowly", StringComparison.OrdinalIgnoreCase)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // The test client reads an answer only once it has sent its whole body.
        stalled.Finish();
        var outcome = await Xunit.Record.ExceptionAsync(async () => await upload.WaitAsync(TimeSpan.FromSeconds(20)));

        service.Logs.Lines.Should().Contain(l => l.Contains("too slowly", StringComparison.OrdinalIgnoreCase), "the server drops a client below the minimum upload rate");
        outcome.Should().Match<Exception?>(e => e == null || e is HttpRequestException || e is IOException);
        if (outcome is null)
        {
            ((int)(await upload).StatusCode).Should().BeOneOf(400, 408);
        }

        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_request_past_its_time_budget_is_a_503_naming_the_budget()
    {
        using var service = ApiFixture.With(("IamUeba:Overload:RequestTimeoutSeconds", "1"));
        service.UseLoopbackKestrel();
        service.ClientOptions.AllowAutoRedirect = false;
        using var client = service.CreateClient();
        var stalled = new SlowContent();

        // The test client reads the answer only once it has sent its whole body: finish sending after the budget.
        var upload = client.PostAsync("/detect", stalled.AsRawJson());
        await stalled.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(3));
        stalled.Finish();
        var response = await upload.WaitAsync(TimeSpan.FromSeconds(20));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Json())["detail"]!.GetValue<string>().Should().Contain("RequestTimeoutSeconds");
    }

    /// <summary>A request body that sends a Records file slowly, or forever, until told to finish or abandoned.</summary>
    private sealed class SlowContent(bool endless = false) : HttpContent
    {
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Finish() => _finish.TrySetResult();

        public SlowContent AsRawJson()
        {
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return this;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            try
            {
                var record = Encoding.UTF8.GetBytes(Record.IamUser("slow").Call("ListBuckets", "s3.amazonaws.com", readOnly: true).ToString());
                await stream.WriteAsync("{\"Records\":["u8.ToArray());
                await stream.WriteAsync(record);
                await stream.FlushAsync();
                Started.TrySetResult();
                while (endless)
                {
                    await stream.WriteAsync(","u8.ToArray());
                    await stream.WriteAsync(record);
                    await Task.Delay(5);
                }

                await _finish.Task;
                await stream.WriteAsync("]}"u8.ToArray());
            }
            finally
            {
                Stopped.TrySetResult();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
