using System.Net;
using IamUeba.Api.Tests.Support;

namespace IamUeba.Api.Tests;

/// <summary>GET /rules shows what will fire, with the settings in force.</summary>
[Collection(ApiCollection.Name)]
public sealed class RulesApiTests(ApiFixture api)
{
    [Fact]
    public async Task Rules_lists_every_rule_with_its_effective_settings_and_the_catalogues()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/rules");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var catalog = await response.Json();
        var rules = catalog["rules"]!.AsArray();
        rules.Select(r => r!["id"]!.GetValue<string>()).Should().HaveCount(19).And.Contain(["R06_CONSEC_FAIL", "R10_LOGGING_TAMPERING", "R17_SECRETS_HARVEST"]);
        var r06 = rules.Single(r => r!["key"]!.GetValue<string>() == "R06")!;
        r06["threshold"]!.GetValue<double>().Should().Be(5);
        r06["points"]!.GetValue<int>().Should().Be(20);
        r06["mitre"]!.AsArray().Should().NotBeEmpty();
        catalog["high_risk_actions"].Strings().Should().Contain(["StopLogging", "CreateAccessKey"]);
        catalog["levels"]!["HIGH"]!.GetValue<int>().Should().Be(60);
    }

    [Fact]
    public async Task Rules_show_configuration_overrides()
    {
        using var tuned = ApiFixture.With(("IamUeba:Rules:R06:Threshold", "8"), ("IamUeba:Rules:R11:Enabled", "false"));
        using var client = tuned.CreateClient();

        var rules = (await (await client.GetAsync("/rules")).Json())["rules"]!.AsArray();

        rules.Single(r => r!["key"]!.GetValue<string>() == "R06")!["threshold"]!.GetValue<double>().Should().Be(8);
        rules.Single(r => r!["key"]!.GetValue<string>() == "R11")!["enabled"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task With_a_key_configured_rules_needs_it()
    {
        using var secured = ApiFixture.With(("Security:ApiKeys:0", "rules-key"));
        using var client = secured.CreateClient();

        (await client.GetAsync("/rules")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Add("X-Api-Key", "rules-key");
        (await client.GetAsync("/rules")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
