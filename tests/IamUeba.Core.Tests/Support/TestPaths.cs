namespace IamUeba.Core.Tests.Support;

/// <summary>Where the repository, its samples and the shared corpus (beside the checkout) are.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Samples => Path.Combine(RepoRoot, "samples");

    /// <summary>../shared/corpus: real CloudTrail from public projects, read in place, never copied into the project.</summary>
    public static string Corpus => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));

    public static string Sample(string name) => Path.Combine(Samples, name);

    public static string CorpusFile(string relative) => Path.Combine(Corpus, relative);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IamUeba.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("IamUeba.sln not found above " + AppContext.BaseDirectory);
    }
}
