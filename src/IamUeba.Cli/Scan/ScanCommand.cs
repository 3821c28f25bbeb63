using System.CommandLine;

namespace IamUeba.Cli.Scan;

/// <summary>iamueba scan PATH...: the same detection as POST /detect, on files on disk.</summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var command = new Command("scan", "Score the principals in CloudTrail files, folders or globs on disk.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("scan is not built yet.");
            return 2;
        });
        return command;
    }
}
