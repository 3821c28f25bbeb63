using System.CommandLine;

namespace IamUeba.Cli.Generate;

/// <summary>iamueba generate: writes a realistic, labelled CloudTrail population.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var command = new Command("generate", "Write a realistic CloudTrail population with labelled attackers.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("generate is not built yet.");
            return 2;
        });
        return command;
    }
}
