namespace IamUeba.Core.Principals;

/// <summary>Who did an event: the key events are grouped by, and what is known about it.</summary>
/// <param name="Key">The principal as reported (<c>user_arn</c>): an ARN where there is one.</param>
/// <param name="Type">userIdentity.type, or "AWSService" / "Unknown" where CloudTrail leaves it out.</param>
/// <param name="SessionName">For a role session: the session name (often the person or instance).</param>
public sealed record PrincipalIdentity(string Key, string Type, string? AccountId, string? RoleArn, string? SessionName)
{
    public bool IsAwsService => Type == PrincipalTypes.AwsService;
}
