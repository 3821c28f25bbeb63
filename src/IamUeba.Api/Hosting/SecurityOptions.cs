namespace IamUeba.Api.Hosting;

/// <summary>API keys (section Security). Empty: no key needed, for the local embedded run; a public deployment must set one.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Accepted keys: the key itself, or better its SHA-256 as "sha256:&lt;64 hex digits&gt;" so the
    /// configuration never holds the secret (echo -n KEY | sha256sum).
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];
}
