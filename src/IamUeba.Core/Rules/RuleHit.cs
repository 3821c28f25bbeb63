namespace IamUeba.Core.Rules;

/// <summary>A rule that fired for a principal, with what it saw.</summary>
public sealed record RuleHit(RuleDescriptor Rule, int Points, double Observed, double Threshold, int WindowMinutes, string Summary, IReadOnlyList<Features.EventDetail> Evidence);
