namespace IamUeba.Cli.Generate.Population;

/// <summary>What a principal is for: it decides its API mix, its rhythm and how it signs in.</summary>
internal enum Persona
{
    Developer,
    Analyst,
    Ops,
    Auditor,
    LegacyService,
    CiDeploy,
    AppService,
    LambdaFunction,
    Root,
}

/// <summary>How CloudTrail names the principal.</summary>
internal enum PrincipalKind
{
    /// <summary>An IAM user: console with a password, CLI with a long-term AKIA key.</summary>
    IamUser,

    /// <summary>An Identity Center user: an AWSReservedSSO_* role session named by the person's e-mail.</summary>
    IdentityCenter,

    /// <summary>A workload role: sessions named by instance, task or function.</summary>
    Role,

    Root,
}

internal static class PersonaFacts
{
    public static bool IsPerson(this Persona p) => p is Persona.Developer or Persona.Analyst or Persona.Ops or Persona.Auditor;

    public static bool IsWorkload(this Persona p) => p is Persona.CiDeploy or Persona.AppService or Persona.LambdaFunction or Persona.LegacyService;
}
