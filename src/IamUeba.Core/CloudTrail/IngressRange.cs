namespace IamUeba.Core.CloudTrail;

/// <summary>One address range let in by a security-group rule: its CIDR, ports (-1 when any) and protocol ("-1" for all).</summary>
public readonly record struct IngressRange(string Cidr, int FromPort, int ToPort, string? Protocol);
