using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using IamUeba.Api.Tests.Support;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Api.Tests;

/// <summary>
/// Every curl example in README.md, replayed against the service in memory with the status the
/// README documents, so the docs cannot drift from the code (.ci/run also runs them with real curl).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ReadmeTests(ApiFixture api)
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(Path.Combine(TestPaths.RepoRoot, "README.md")).Where(l => l.StartsWith("curl ", StringComparison.Ordinal)))
        {
            data.Add(line);
        }

        return data;
    }

    [Fact]
    public void The_readme_shows_how_to_run_the_service_and_the_tests()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));

        readme.Should().Contain("dotnet run -c Release --project src/IamUeba.Api").And.Contain("dotnet test");
        Examples().Should().HaveCountGreaterThan(5);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Readme_curl_example_answers_as_documented(string line)
    {
        var expected = ExpectedStatus().Match(line) is { Success: true } m ? (HttpStatusCode)int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : HttpStatusCode.OK;
        var request = Parse(line.Split(" | ")[0].Split(" # ")[0]);
        using var client = api.CreateClient();

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(expected, because: line);
    }

    private static HttpRequestMessage Parse(string command)
    {
        var words = Words(command).Skip(1).ToList();
        var form = new MultipartFormDataContent();
        var hasForm = false;
        byte[]? raw = null;
        string? contentType = null;
        Uri? url = null;
        for (var i = 0; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-F":
                    var (field, path) = (words[++i].Split('=', 2)[0], words[i].Split('=', 2)[1].TrimStart('@'));
                    var part = new ByteArrayContent(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, path)));
                    part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    form.Add(part, field, Path.GetFileName(path));
                    hasForm = true;
                    break;
                case "--data-binary":
                    raw = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, words[++i].TrimStart('@')));
                    contentType ??= "application/x-www-form-urlencoded";
                    break;
                case "-H":
                    var header = words[++i].Split(':', 2);
                    if (header[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    {
                        contentType = header[1].Trim();
                    }

                    break;
                case var flag when flag.StartsWith('-'):
                    break;
                default:
                    url = new Uri(words[i]);
                    break;
            }
        }

        var message = new HttpRequestMessage(hasForm || raw is not null ? HttpMethod.Post : HttpMethod.Get, url!.PathAndQuery);
        if (hasForm)
        {
            message.Content = form;
        }
        else if (raw is not null)
        {
            message.Content = new ByteArrayContent(raw);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        return message;
    }

    /// <summary>Splits like a shell: single-quoted words stay whole.</summary>
    private static IEnumerable<string> Words(string command) =>
        ShellWord().Matches(command).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);

    [GeneratedRegex(@"'([^']*)'|(\S+)")]
    private static partial Regex ShellWord();

    [GeneratedRegex(@"# -> (\d{3})")]
    private static partial Regex ExpectedStatus();
}
