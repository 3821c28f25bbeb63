using System.CommandLine;
using IamUeba.Cli.Evaluate;
using IamUeba.Cli.Generate;
using IamUeba.Cli.Scan;

// iamueba scan PATH... | iamueba generate ... | iamueba evaluate ...
var root = new RootCommand("IamUeba: score AWS IAM principals from CloudTrail logs on disk, generate labelled CloudTrail populations, or measure detection on them.")
{
    ScanCommand.Create(),
    GenerateCommand.Create(),
    EvaluateCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
