using System.Text.Json;
using IamUeba.Cli.Generate.Output;

namespace IamUeba.Cli.Tests;

[Collection(PopulationCollection.Name)]
public sealed class LabelsTests(PopulationFixture population)
{
    [Fact]
    public void Labels_name_principals_the_pipeline_reports_and_their_events_are_in_the_output()
    {
        var ids = File.ReadLines(population.Run.Files[0])
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("eventID").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
        var reported = population.Report.Results.Select(r => r.UserArn).ToHashSet(StringComparer.Ordinal);

        population.Run.Result.Labels.Should().HaveCount(9);
        foreach (var label in population.Run.Result.Labels)
        {
            reported.Should().Contain(label.Principal, label.Scenario);
            label.EventIds.Should().NotBeEmpty().And.OnlyContain(id => ids.Contains(id), label.Scenario);
            label.Mitre.Should().NotBeEmpty();
            label.End.Should().BeGreaterThanOrEqualTo(label.Start);
        }
    }

    [Fact]
    public void Role_attackers_are_keyed_by_the_role_arn_as_IamUeba_reports_them()
    {
        var role = population.Run.Result.Labels.Single(l => l.Scenario == "multi-region-resource-abuse");

        role.Principal.Should().MatchRegex(@"^arn:aws:iam::\d{12}:role/[^/]+$");
        role.PrincipalType.Should().Be("AssumedRole");
    }

    [Fact]
    public void The_labels_file_keys_attackers_by_principal_and_records_the_parameters()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            LabelsWriter.Write(writer, population.Run.Result);
        }

        using var doc = JsonDocument.Parse(buffer.ToArray());
        var root = doc.RootElement;
        root.GetProperty("seed").GetInt32().Should().Be(1);
        root.GetProperty("parameters").GetProperty("principals").GetInt32().Should().Be(300);
        var attackers = root.GetProperty("attackers").EnumerateObject().ToList();
        attackers.Should().HaveCount(9);
        attackers.Select(a => a.Value.GetProperty("scenario").GetString()).Should().OnlyHaveUniqueItems();
        attackers.Should().OnlyContain(a => a.Value.GetProperty("event_ids").GetArrayLength() == a.Value.GetProperty("event_count").GetInt32());
    }
}
