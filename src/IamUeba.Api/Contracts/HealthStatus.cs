namespace IamUeba.Api;

/// <summary>The answer of GET /health.</summary>
public sealed record HealthStatus(string Status);
