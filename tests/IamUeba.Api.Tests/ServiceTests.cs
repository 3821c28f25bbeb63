using System.Net;
using System.Text.Json.Nodes;
using IamUeba.Api.Hosting;
using IamUeba.Api.Tests.Support;

namespace IamUeba.Api.Tests;

/// <summary>Health, the API description, and start-up validation.</summary>
[Collection(ApiCollection.Name)]
public sealed class ServiceTests(ApiFixture api)
{
    [Fact]
    public async Task Health_answers_ok()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Json())["status"]!.GetValue<string>().Should().Be("ok");
    }

    [Fact]
    public async Task A_debug_build_says_at_start_that_it_reads_slower_and_how_to_run_release()
    {
        using var service = new ApiFixture();
        using var client = service.CreateClient();
        var debug = BuildCheck.IsUnoptimized(typeof(IamUeba.Core.DetectionPipeline).Assembly);

        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);

        var warned = service.Logs.Lines.Any(l => l.Contains("This is a Debug build", StringComparison.Ordinal) && l.Contains("dotnet run -c Release --project src/IamUeba.Api", StringComparison.Ordinal));
        warned.Should().Be(debug, because: debug ? "these tests run a Debug build" : "a Release build runs at full speed");
    }

    [Fact]
    public async Task Swagger_describes_the_multipart_upload_the_answer_and_the_problems()
    {
        using var client = api.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var detect = document["paths"]!["/detect"]!["post"]!;

        var form = detect["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!["properties"]!["file"]!;
        form["items"]!["format"]!.GetValue<string>().Should().Be("binary");
        detect["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Should().EndWith("DetectionReport");
        foreach (var status in new[] { "400", "413", "415", "422" })
        {
            detect["responses"]![status]!["content"]!["application/problem+json"].Should().NotBeNull(because: $"{status} is a problem answer");
        }

        document["components"]!["schemas"]!["PrincipalResult"]!["properties"]!["user_arn"].Should().NotBeNull("the schema uses the answer's snake_case names");
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/swagger/index.html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void An_invalid_threshold_stops_the_service_at_start_up_naming_the_setting()
    {
        using var broken = ApiFixture.With(("IamUeba:Rules:R06:Threshold", "-3"));

        var start = () => broken.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*IamUeba:Rules:R06:Threshold*");
    }

    [Fact]
    public async Task A_threshold_from_configuration_changes_the_answer()
    {
        using var strict = ApiFixture.With(("IamUeba:Rules:R06:Threshold", "7"));
        using var client = strict.CreateClient();

        var answer = await (await client.PostAsync("/detect", Requests.Sample("sample_cloudtrail.json"))).Json();

        answer.Principal("charlie")["triggered_rules"].Strings().Should().NotContain("R06_CONSEC_FAIL");
    }
}
