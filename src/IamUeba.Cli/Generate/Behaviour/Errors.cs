namespace IamUeba.Cli.Generate.Behaviour;

/// <summary>Error codes and messages as each service spells them.</summary>
internal static class Errors
{
    public static (string Code, string Message) AccessDenied(TrailEvent e, string callerArn, Random rng)
    {
        var action = $"{IamPrefix(e.EventSource)}:{Population.Agents.StripLambdaVersion(e.EventName)}";
        var text = $"User: {callerArn} is not authorized to perform: {action} because no identity-based policy allows the {action} action";
        return e.EventSource switch
        {
            "ec2.amazonaws.com" => ("Client.UnauthorizedOperation", $"You are not authorized to perform this operation. User: {callerArn} is not authorized to perform: {action} because no identity-based policy allows the {action} action. Encoded authorization failure message: {EncodedFailure(rng)}"),
            "iam.amazonaws.com" or "sts.amazonaws.com" or "s3.amazonaws.com" or "cloudtrail.amazonaws.com" or "organizations.amazonaws.com" => ("AccessDenied", text),
            _ => ("AccessDeniedException", text),
        };
    }

    public static (string Code, string Message) Throttled(TrailEvent e) => e.EventSource switch
    {
        "ec2.amazonaws.com" => ("Client.RequestLimitExceeded", "Request limit exceeded."),
        "iam.amazonaws.com" => ("Throttling", "Rate exceeded"),
        "s3.amazonaws.com" => ("SlowDown", "Please reduce your request rate."),
        _ => ("ThrottlingException", "Rate exceeded"),
    };

    public static string IamPrefix(string eventSource)
    {
        var prefix = eventSource[..eventSource.IndexOf('.', StringComparison.Ordinal)];
        return prefix == "monitoring" ? "cloudwatch" : prefix;
    }

    private static string EncodedFailure(Random rng)
    {
        Span<byte> bytes = stackalloc byte[180];
        rng.NextBytes(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }
}
