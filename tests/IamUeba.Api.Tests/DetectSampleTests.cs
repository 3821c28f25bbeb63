using System.Net;
using IamUeba.Api.Tests.Support;

namespace IamUeba.Api.Tests;

/// <summary>The prototype's three-principal scenario, uploaded as a user would with curl -F file=@samples/sample_cloudtrail.json.</summary>
[Collection(ApiCollection.Name)]
public sealed class DetectSampleTests(ApiFixture api)
{
    private const string SampleFile = "sample_cloudtrail.json";

    [Fact]
    public async Task Charlie_is_critical_after_six_access_denied_in_a_row_then_escalation_without_mfa()
    {
        var answer = await Detect();
        var charlie = answer.Principal("charlie");

        charlie["risk_level"]!.GetValue<string>().Should().Be("CRITICAL");
        charlie["is_anomaly"]!.GetValue<bool>().Should().BeTrue();
        charlie["triggered_rules"].Strings().Should().Contain(["R03_NO_MFA", "R06_CONSEC_FAIL"]);
        charlie["stats"]!["failed"]!.GetValue<int>().Should().Be(6);
        charlie["score_breakdown"]!["CONSEC_PENALTY"]!.GetValue<int>().Should().Be(6);
    }

    [Fact]
    public async Task Charlies_failure_run_evidence_is_the_run_itself_in_time_order()
    {
        var answer = await Detect();
        var hit = answer.Principal("charlie")["rule_hits"]!.AsArray().Single(h => h!["rule_id"]!.GetValue<string>() == "R06_CONSEC_FAIL")!;

        hit["observed"]!.GetValue<double>().Should().Be(6);
        hit["threshold"]!.GetValue<double>().Should().Be(5);
        var evidence = hit["evidence"]!.AsArray();
        evidence.Should().HaveCount(5);
        evidence.Select(e => e!["error_code"]!.GetValue<string>()).Should().OnlyContain(code => code.Length > 0);
        evidence.Select(e => e!["event_time"]!.GetValue<string>()).Should().BeInAscendingOrder();
        evidence.Select(e => e!["event_id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Bob_is_high_or_above_for_night_time_iam_writes_without_mfa()
    {
        var bob = (await Detect()).Principal("bob");

        bob["risk_level"]!.GetValue<string>().Should().BeOneOf("HIGH", "CRITICAL");
        bob["triggered_rules"].Strings().Should().Contain(["R03_NO_MFA", "R07_ADMIN_ABUSE"]);
        bob["stats"]!["unique_ips"]!.GetValue<int>().Should().Be(6);
    }

    [Fact]
    public async Task Bobs_iam_calls_in_us_east_1_do_not_count_as_multi_region()
    {
        var bob = (await Detect()).Principal("bob");

        bob["triggered_rules"].Strings().Should().NotContain("R08_MULTI_REGION");
        bob["stats"]!["unique_regions"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Alice_is_low_and_not_an_anomaly()
    {
        var alice = (await Detect()).Principal("alice");

        alice["risk_level"]!.GetValue<string>().Should().Be("LOW");
        alice["is_anomaly"]!.GetValue<bool>().Should().BeFalse();
        alice["detection_method"]!.GetValue<string>().Should().Be("none");
        alice["triggered_rules"]!.AsArray().Should().BeEmpty();
        alice["risk_score"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task The_answer_says_the_ml_layer_did_not_run_for_three_principals_and_why()
    {
        var answer = await Detect();

        answer["ml"]!["ran"]!.GetValue<bool>().Should().BeFalse();
        answer["ml"]!["principals"]!.GetValue<int>().Should().Be(3);
        answer["ml"]!["status"]!.GetValue<string>().Should().Contain("3 principals").And.Contain("minimum population of 20");
        answer["results"]!.AsArray().Should().OnlyContain(r => r!["ml"] == null);
    }

    [Fact]
    public async Task The_answer_keeps_the_prototypes_contract()
    {
        var answer = await Detect();

        answer["total_events"]!.GetValue<long>().Should().Be(22);
        answer["total_users"]!.GetValue<int>().Should().Be(3);
        answer["anomaly_count"]!.GetValue<int>().Should().Be(2);
        answer["max_risk_level"]!.GetValue<string>().Should().Be("CRITICAL");
        var scores = answer["results"]!.AsArray().Select(r => r!["risk_score"]!.GetValue<int>()).ToList();
        scores.Should().BeInDescendingOrder();
        foreach (var result in answer["results"]!.AsArray())
        {
            result!.AsObject().Select(p => p.Key).Should().Contain(
                ["user_arn", "is_anomaly", "risk_score", "risk_level", "detection_method", "triggered_rules", "score_breakdown", "stats"]);
            result["stats"]!.AsObject().Select(p => p.Key).Should().Contain(["total_events", "high_risk", "failed", "unique_ips", "off_hours"]);
        }
    }

    [Fact]
    public async Task The_file_report_names_the_shape_and_counts()
    {
        var file = (await Detect())["files"]!.AsArray().Single()!;

        file["name"]!.GetValue<string>().Should().Be(SampleFile);
        file["shape"]!.GetValue<string>().Should().Be("records");
        file["events"]!.GetValue<long>().Should().Be(22);
        file["skipped"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task The_same_upload_twice_gives_byte_identical_answers_apart_from_timing()
    {
        using var client = api.CreateClient();
        var first = await (await client.PostAsync("/detect", Requests.Sample(SampleFile))).Content.ReadAsStringAsync();
        var second = await (await client.PostAsync("/detect", Requests.Sample(SampleFile))).Content.ReadAsStringAsync();

        Requests.WithoutTiming(second).Should().Be(Requests.WithoutTiming(first));
    }

    [Fact]
    public async Task A_gzipped_raw_body_gives_the_same_answer_as_a_multipart_upload()
    {
        using var client = api.CreateClient();
        var bytes = File.ReadAllBytes(Core.Tests.Support.TestPaths.Sample(SampleFile));
        var multipart = await (await client.PostAsync("/detect", Requests.Sample(SampleFile))).Json();
        var raw = await client.PostAsync("/detect", Requests.Raw(Requests.Gzip(bytes), "application/gzip"));

        raw.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await raw.Json();
        answer["files"]![0]!["gzip"]!.GetValue<bool>().Should().BeTrue();
        answer["files"]![0]!["name"]!.GetValue<string>().Should().Be("request body");
        answer["results"]!.ToJsonString().Should().Be(multipart["results"]!.ToJsonString());
    }

    [Fact]
    public async Task The_same_records_split_over_two_file_parts_give_the_same_principals()
    {
        using var client = api.CreateClient();
        var records = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Core.Tests.Support.TestPaths.Sample(SampleFile)))!["Records"]!.AsArray();
        var half = records.Count / 2;
        byte[] Part(IEnumerable<System.Text.Json.Nodes.JsonNode?> items) =>
            System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject { ["Records"] = new System.Text.Json.Nodes.JsonArray(items.Select(i => i!.DeepClone()).ToArray()) }.ToJsonString());

        var whole = await (await client.PostAsync("/detect", Requests.Sample(SampleFile))).Json();
        var split = await (await client.PostAsync("/detect", Requests.Multipart(("first.json", Part(records.Take(half))), ("second.json", Part(records.Skip(half)))))).Json();

        split["files"]!.AsArray().Select(f => f!["events"]!.GetValue<long>()).Should().Equal(half, records.Count - half);
        split["results"]!.ToJsonString().Should().Be(whole["results"]!.ToJsonString());
    }

    [Fact]
    public async Task The_time_zone_can_be_set_per_request()
    {
        using var client = api.CreateClient();
        var answer = await (await client.PostAsync("/detect?timezone=Asia/Seoul", Requests.Sample(SampleFile))).Json();

        answer["settings"]!["time_zone"]!.GetValue<string>().Should().Be("Asia/Seoul");

        // Bob's 23:00-05:00 UTC is 08:00-14:00 in Seoul: business hours.
        answer.Principal("bob")["stats"]!["off_hours"]!.GetValue<int>().Should().Be(0);
        answer.Principal("bob")["triggered_rules"].Strings().Should().NotContain("R01_OFF_HOURS");
    }

    [Fact]
    public async Task Min_level_filters_principals_but_keeps_the_counts_complete()
    {
        using var client = api.CreateClient();
        var answer = await (await client.PostAsync("/detect?min_level=HIGH", Requests.Sample(SampleFile))).Json();

        answer["results"]!.AsArray().Select(r => r!["user_arn"]!.GetValue<string>()).Should().HaveCount(2).And.NotContain(a => a.EndsWith("/alice", StringComparison.Ordinal));
        answer["total_users"]!.GetValue<int>().Should().Be(3);
        answer["results_omitted"]!.GetValue<int>().Should().Be(1);
        answer["level_counts"]!["LOW"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Top_limits_the_principals_returned()
    {
        using var client = api.CreateClient();
        var whole = await (await client.PostAsync("/detect", Requests.Sample(SampleFile))).Json();
        var answer = await (await client.PostAsync("/detect?top=1", Requests.Sample(SampleFile))).Json();

        answer["results"]!.AsArray().Should().ContainSingle().Which!["user_arn"]!.GetValue<string>().Should().Be(whole["results"]![0]!["user_arn"]!.GetValue<string>());
        answer["results_omitted"]!.GetValue<int>().Should().Be(2);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> Detect()
    {
        using var client = api.CreateClient();
        var response = await client.PostAsync("/detect", Requests.Sample(SampleFile));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return await response.Json();
    }
}
