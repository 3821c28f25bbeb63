using IamUeba.Core.Rules;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.Rules;

/// <summary>docs/rules.md is generated from the descriptors: this fails when it drifts.</summary>
public sealed class RulesDocumentTests
{
    [Fact]
    public async Task Docs_rules_md_matches_the_rule_descriptors()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "docs", "rules.md");
        var expected = RuleCatalog.Markdown();
        if (Environment.GetEnvironmentVariable("IAMUEBA_UPDATE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(path, expected);
        }

        var actual = File.Exists(path) ? await File.ReadAllTextAsync(path) : string.Empty;

        actual.Should().Be(expected, "docs/rules.md is generated: run IAMUEBA_UPDATE_DOCS=1 dotnet test --filter RulesDocument");
    }

    [Fact]
    public void The_document_lists_every_rule_with_its_points_and_mitre_ids()
    {
        var markdown = RuleCatalog.Markdown();

        foreach (var rule in RuleEngine.All)
        {
            markdown.Should().Contain($"`{rule.Descriptor.Id}`").And.Contain(rule.Descriptor.Mitre[0]);
        }
    }
}
