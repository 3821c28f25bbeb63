namespace IamUeba.Cli.Generate;

/// <summary>ARN spellings, in one place so the labels file and the records agree.</summary>
internal static class Arns
{
    public static string User(string account, string userName) => $"arn:aws:iam::{account}:user/{userName}";

    public static string Role(string account, string roleName) => $"arn:aws:iam::{account}:role/{roleName}";

    public static string AssumedRole(string account, string roleName, string session) => $"arn:aws:sts::{account}:assumed-role/{roleName}/{session}";

    public static string Root(string account) => $"arn:aws:iam::{account}:root";

    public static string Policy(string account, string name) => $"arn:aws:iam::{account}:policy/{name}";

    public const string AdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";
}
