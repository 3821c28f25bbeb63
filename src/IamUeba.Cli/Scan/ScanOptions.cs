using IamUeba.Core;
using IamUeba.Core.Risk;

namespace IamUeba.Cli.Scan;

/// <summary>What the user asked the scan for.</summary>
internal sealed record ScanOptions(IReadOnlyList<string> Paths, bool Json, RiskLevel? FailOn, bool Strict, AnalysisRequest Request, FileInfo? Settings);
