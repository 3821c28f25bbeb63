using System.Text.RegularExpressions;

namespace IamUeba.Cli.Scan;

/// <summary>Expands the scan's paths (files, folders, globs) into files, in a stable order.</summary>
internal static class InputFiles
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, List<string> problems)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(Path.GetFullPath(path));
            }
            else if (Directory.Exists(path))
            {
                files.UnionWith(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Select(Path.GetFullPath));
            }
            else if (path.IndexOfAny(['*', '?']) >= 0)
            {
                var matched = Glob(path).ToList();
                if (matched.Count == 0)
                {
                    problems.Add($"{path}: no file matches");
                }

                files.UnionWith(matched);
            }
            else
            {
                problems.Add($"{path}: no such file or folder");
            }
        }

        return [.. files];
    }

    /// <summary>'*' and '?' within a name, '**' across folders.</summary>
    private static IEnumerable<string> Glob(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        var segments = full.Split(Path.DirectorySeparatorChar);
        var firstWild = Array.FindIndex(segments, s => s.IndexOfAny(['*', '?']) >= 0);
        var root = string.Join(Path.DirectorySeparatorChar, segments[..firstWild]);
        if (root.Length == 0)
        {
            root = Path.DirectorySeparatorChar.ToString();
        }

        if (!Directory.Exists(root))
        {
            return [];
        }

        var regex = new Regex("^" + Regex.Escape(full).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(Path.GetFullPath).Where(f => regex.IsMatch(f));
    }
}
