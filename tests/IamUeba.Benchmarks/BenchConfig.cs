using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace IamUeba.Benchmarks;

/// <summary>
/// A short job for a 2-core machine (each case runs for seconds, not minutes), allocations per
/// operation, and the figures issue 7 asks for: MB/s and events/s of uncompressed JSON, bytes
/// allocated per event, and the share of the token pass's speed.
/// </summary>
public static class BenchConfig
{
    public static IConfig Create(int iterations) =>
        DefaultConfig.Instance
            .AddJob(Job.Default
                .WithId("Short")
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(iterations)
                .WithGcConcurrent(false)) // as the service and the CLI run
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(
                new DerivedColumn("MB/s", "Megabytes (10^6) of uncompressed JSON per second", (set, report, _) => set.Bytes / Seconds(report) / 1e6, "N1"),
                new DerivedColumn("events/s", "Records read per second (every event position, skipped and excluded ones too)", (set, report, _) => set.Records / Seconds(report), "N0"),
                new DerivedColumn("B/event", "Bytes allocated per operation divided by records", (set, report, _) => report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) / (double)set.Records, "N1"),
                new DerivedColumn("% of limit", "Speed relative to the token pass on the same bytes (the baseline of the same parameters), in percent", (_, report, baseline) => baseline is null ? null : 100 * Seconds(baseline) / Seconds(report), "N1"))
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));

    private static double Seconds(BenchmarkReport report) => report.ResultStatistics!.Mean / 1e9;

    /// <summary>A column computed from a case's result, the data set it read and its baseline's result.</summary>
    private sealed class DerivedColumn(string name, string legend, Func<Dataset, BenchmarkReport, BenchmarkReport?, double?> compute, string format) : IColumn
    {
        public string Id => "IamUeba." + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is null || !report.Success)
            {
                return "-";
            }

            var data = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Data")?.Value as string ?? BenchData.GeneratedJsonl;
            var baseline = summary.BenchmarksCases
                .Where(c => c.Descriptor.Baseline && c.Descriptor.Type == benchmarkCase.Descriptor.Type && c.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo)
                .Select(c => summary[c])
                .FirstOrDefault(r => r?.ResultStatistics is not null);
            var value = BenchData.Sets.TryGetValue(data, out var set) ? compute(set, report, baseline) : null;
            return value is { } v ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "-";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
