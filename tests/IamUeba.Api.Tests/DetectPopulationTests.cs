using System.Net;
using IamUeba.Api.Tests.Support;

namespace IamUeba.Api.Tests;

/// <summary>The 38-principal sample where the ML layer runs, with two planted outliers no single rule catches.</summary>
[Collection(ApiCollection.Name)]
public sealed class DetectPopulationTests(ApiFixture api)
{
    private static readonly string[] Outliers = ["dana", "svc-report"];

    [Fact]
    public async Task The_ml_layer_runs_and_ranks_the_planted_outliers_above_every_normal_principal()
    {
        var answer = await Detect();

        answer["ml"]!["ran"]!.GetValue<bool>().Should().BeTrue();
        var byMl = answer["results"]!.AsArray()
            .OrderByDescending(r => r!["ml"]!["score"]!.GetValue<double>())
            .Select(r => r!["user_arn"]!.GetValue<string>().Split('/')[^1])
            .ToList();
        byMl.Take(2).Should().BeEquivalentTo(Outliers);
    }

    [Fact]
    public async Task Only_dana_s_bucket_opened_to_a_partner_fires_a_rule_and_both_outliers_top_features_are_named()
    {
        var answer = await Detect();

        answer.Principal("dana")["triggered_rules"].Strings().Should().Equal("R18_ACCESS_OPENED_OUTSIDE");
        answer.Principal("svc-report")["triggered_rules"]!.AsArray().Should().BeEmpty();
        foreach (var name in Outliers)
        {
            var principal = answer.Principal(name);
            var top = principal["ml"]!["top_features"]!.AsArray();
            top.Should().NotBeEmpty();
            top.Select(f => f!["text"]!.GetValue<string>()).Should().OnlyContain(t => t.Contains(" vs median ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Normal_principals_are_low_and_not_flagged()
    {
        var answer = await Detect();

        var normal = answer["results"]!.AsArray().Where(r => !Outliers.Any(o => r!["user_arn"]!.GetValue<string>().EndsWith("/" + o, StringComparison.Ordinal))).ToList();
        normal.Should().HaveCountGreaterThan(30);
        normal.Should().OnlyContain(r => r!["risk_level"]!.GetValue<string>() == "LOW" && !r["ml"]!["flagged"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Aws_services_are_counted_but_not_ranked()
    {
        var answer = await Detect();

        answer["excluded_events"]!["aws_services"]!["cloudtrail.amazonaws.com"]!.GetValue<long>().Should().Be(1);
        answer["results"]!.AsArray().Should().NotContain(r => r!["principal_type"]!.GetValue<string>() == "AWSService");
        answer["files"]![0]!["shape"]!.GetValue<string>().Should().Be("json_lines");
    }

    private async Task<System.Text.Json.Nodes.JsonObject> Detect()
    {
        using var client = api.CreateClient();
        var response = await client.PostAsync("/detect", Requests.Sample("population_cloudtrail.json"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Json();
    }
}
