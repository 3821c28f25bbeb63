using System.CommandLine;
using IamUeba.Cli.Generate;
using IamUeba.Cli.Scan;

// iamueba scan PATH... | iamueba generate ...
var root = new RootCommand("IamUeba: score AWS IAM principals from CloudTrail logs on disk, or generate labelled CloudTrail populations.")
{
    ScanCommand.Create(),
    GenerateCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
