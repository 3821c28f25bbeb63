namespace IamUeba.Benchmarks;

/// <summary>The ceiling server's answer: what it received (JSON bytes, after any gzip) and how long the request took inside it.</summary>
public sealed record CeilingAnswer(int Parts, long Bytes, long Tokens, double DurationMs);
