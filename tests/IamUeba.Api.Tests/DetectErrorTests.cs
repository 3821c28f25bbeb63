using System.Net;
using System.Text;
using IamUeba.Api.Tests.Support;

namespace IamUeba.Api.Tests;

/// <summary>Bad input gets an RFC 7807 answer that says what was wrong and where; never a 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class DetectErrorTests(ApiFixture api)
{
    [Fact]
    public async Task An_empty_file_part_is_a_400_saying_the_upload_is_empty()
    {
        var problem = await Problem(Requests.Multipart(("empty.json", [])), HttpStatusCode.BadRequest);

        problem["detail"]!.GetValue<string>().Should().Contain("empty");
    }

    [Fact]
    public async Task An_empty_raw_body_is_a_400()
    {
        await Problem(Requests.Raw([], "application/json"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_a_422_naming_the_file_line_and_column()
    {
        var problem = await Problem(Requests.Multipart(("notes.txt", Encoding.UTF8.GetBytes("These are my notes,\nnot CloudTrail.\n"))), HttpStatusCode.UnprocessableEntity);

        problem["part"]!.GetValue<string>().Should().Be("notes.txt");
        problem["line"]!.GetValue<long>().Should().Be(1);
        problem["column"]!.GetValue<long>().Should().Be(1);
        problem["detail"]!.GetValue<string>().Should().Contain("notes.txt").And.Contain("line 1, column 1");
    }

    [Fact]
    public async Task A_truncated_file_is_a_422_at_its_end()
    {
        var bytes = File.ReadAllBytes(Core.Tests.Support.TestPaths.Sample("sample_cloudtrail.json"));
        var truncated = bytes[..(bytes.Length / 2)];

        var problem = await Problem(Requests.Multipart(("cut.json", truncated)), HttpStatusCode.UnprocessableEntity);

        problem["title"]!.GetValue<string>().Should().Be("Invalid JSON");
        problem["part"]!.GetValue<string>().Should().Be("cut.json");
        problem["line"]!.GetValue<long>().Should().BeGreaterThan(1);
        problem["byte_offset"]!.GetValue<long>().Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(truncated.Length);
    }

    [Fact]
    public async Task Json_that_is_not_cloudtrail_is_a_422_naming_what_was_found()
    {
        var problem = await Problem(Requests.Multipart(("package.json", Encoding.UTF8.GetBytes("""{"name":"left-pad","version":"1.3.0"}"""))), HttpStatusCode.UnprocessableEntity);

        problem["detail"]!.GetValue<string>().Should().Contain("name").And.Contain("version").And.Contain("Records");
    }

    [Fact]
    public async Task An_api_error_saved_by_mistake_is_a_422_though_it_starts_with_a_cloudtrail_field()
    {
        // errorCode starts an event in JSON Lines that have shown events; a file's first object needs an event key.
        var saved = """{"errorCode":"AccessDenied","errorMessage":"User: arn:aws:iam::111122223333:user/ci is not authorized to perform: cloudtrail:LookupEvents"}""";

        var problem = await Problem(Requests.Multipart(("lookup.json", Encoding.UTF8.GetBytes(saved))), HttpStatusCode.UnprocessableEntity);

        problem["part"]!.GetValue<string>().Should().Be("lookup.json");
        problem["detail"]!.GetValue<string>().Should().Contain("errorCode").And.Contain("errorMessage").And.Contain("Records");
    }

    [Fact]
    public async Task A_digest_only_upload_is_a_422_saying_digests_hold_no_events()
    {
        var digest = File.ReadAllBytes(Path.Combine(Core.Tests.Support.TestPaths.Corpus, "otel-collector-contrib/non_event_files/extension/encoding/awslogsencodingextension/internal/unmarshaler/cloudtraillog/testdata/cloudtrail_digest.json"));

        var problem = await Problem(Requests.Multipart(("digest.json", digest)), HttpStatusCode.UnprocessableEntity);

        problem["detail"]!.GetValue<string>().Should().Contain("digest");
    }

    [Fact]
    public async Task Corrupt_gzip_is_a_422()
    {
        byte[] bytes = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0x01, 0x02];

        var problem = await Problem(Requests.Raw(bytes, "application/gzip"), HttpStatusCode.UnprocessableEntity);

        problem["detail"]!.GetValue<string>().Should().Contain("gzip");
    }

    [Fact]
    public async Task Form_urlencoded_as_curl_sends_by_default_is_a_415_with_the_fix()
    {
        var problem = await Problem(Requests.Raw(Encoding.UTF8.GetBytes("{}"), "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);

        problem["detail"]!.GetValue<string>().Should().Contain("Content-Type: application/json");
    }

    [Fact]
    public async Task A_body_without_content_type_is_a_415()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));

        await Problem(content, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_multipart_field_other_than_file_is_a_400_naming_it()
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("{}")), "upload", "a.json" } };

        var problem = await Problem(form, HttpStatusCode.BadRequest);

        problem["detail"]!.GetValue<string>().Should().Contain("'upload'").And.Contain("'file'");
    }

    [Fact]
    public async Task An_unknown_time_zone_is_a_400()
    {
        var problem = await Problem(Requests.Sample("sample_cloudtrail.json"), HttpStatusCode.BadRequest, "/detect?timezone=Mars/Olympus_Mons");

        problem["detail"]!.GetValue<string>().Should().Contain("Mars/Olympus_Mons");
    }

    [Fact]
    public async Task An_unknown_min_level_is_a_400()
    {
        var problem = await Problem(Requests.Sample("sample_cloudtrail.json"), HttpStatusCode.BadRequest, "/detect?min_level=SEVERE");

        problem["detail"]!.GetValue<string>().Should().Contain("SEVERE");
    }

    [Fact]
    public async Task An_event_array_with_a_bad_time_is_answered_with_the_event_skipped_and_counted()
    {
        const string Json = """
            [{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/eve","accountId":"111122223333","userName":"eve"},
              "eventTime":"yesterday","eventSource":"iam.amazonaws.com","eventName":"CreateUser","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.9","eventID":"0b7b0d6d-1111-4c1e-9f5a-000000000001"},
             {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/eve","accountId":"111122223333","userName":"eve"},
              "eventTime":"2024-01-15T10:00:00Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.9","eventID":"0b7b0d6d-1111-4c1e-9f5a-000000000002"}]
            """;
        using var client = api.CreateClient();

        var response = await client.PostAsync("/detect", Requests.Raw(Encoding.UTF8.GetBytes(Json), "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await response.Json();
        answer["total_events"]!.GetValue<long>().Should().Be(1);
        answer["skipped_events"]!["count"]!.GetValue<long>().Should().Be(1);
        answer["skipped_events"]!["by_reason"]!["unreadable_event_time"]!.GetValue<long>().Should().Be(1);
        var example = answer["skipped_events"]!["examples"]![0]!;
        example["file"]!.GetValue<string>().Should().Be("request body");
        example["index"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task A_body_over_the_configured_limit_is_a_413_naming_the_limit()
    {
        using var limited = ApiFixture.With(("IamUeba:Upload:MaxRequestBytes", "4096"));
        using var client = limited.CreateClient();

        var response = await client.PostAsync("/detect", Requests.Sample("sample_cloudtrail.json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Json())["detail"]!.GetValue<string>().Should().Contain("IamUeba:Upload:MaxRequestBytes");
    }

    [Fact]
    public async Task More_file_parts_than_the_limit_is_a_413_naming_the_limit()
    {
        using var limited = ApiFixture.With(("IamUeba:Upload:MaxParts", "2"));
        using var client = limited.CreateClient();
        var bytes = File.ReadAllBytes(Core.Tests.Support.TestPaths.Sample("sample_cloudtrail.json"));

        var response = await client.PostAsync("/detect", Requests.Multipart(("a.json", bytes), ("b.json", bytes), ("c.json", bytes)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Json())["detail"]!.GetValue<string>().Should().Contain("IamUeba:Upload:MaxParts");
    }

    private async Task<System.Text.Json.Nodes.JsonObject> Problem(HttpContent content, HttpStatusCode expected, string path = "/detect")
    {
        using var client = api.CreateClient();
        var response = await client.PostAsync(path, content);

        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Json();
        problem["status"]!.GetValue<int>().Should().Be((int)expected);
        problem["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace().And.NotContain("   at ");
        return problem;
    }
}
