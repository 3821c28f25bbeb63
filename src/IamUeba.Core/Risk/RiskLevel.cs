namespace IamUeba.Core.Risk;

/// <summary>Risk levels, lowest first, so that comparisons read naturally (level &gt;= RiskLevel.High).</summary>
public enum RiskLevel
{
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL,
}
