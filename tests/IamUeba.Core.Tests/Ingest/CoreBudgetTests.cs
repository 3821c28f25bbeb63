using System.Text;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Ingest;
using IamUeba.Core.Tests.Support;

namespace IamUeba.Core.Tests.Ingest;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CoreBudgetCollection
{
    public const string Name = "core budget (alone)";
}

/// <summary>By default the worker threads come from one budget for the process; every read gives them back.</summary>
[Collection(CoreBudgetCollection.Name)]
public sealed class CoreBudgetTests
{
    [Fact]
    public async Task Reads_that_end_well_badly_or_cancelled_give_their_threads_back()
    {
        var lines = Lines();
        var options = new DetectionOptions { BatchAfterBytes = 0 };

        await new DetectionPipeline(options).Begin().ReadAsync(new MemoryStream(lines), "good.jsonl", CancellationToken.None);
        var broken = () => new DetectionPipeline(options).Begin().ReadAsync(new MemoryStream([.. lines, .. "{\"eventName\":"u8.ToArray()]), "cut.jsonl", CancellationToken.None);
        await broken.Should().ThrowAsync<CloudTrailFormatException>();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var cancelled = () => new DetectionPipeline(options).Begin().ReadAsync(new MemoryStream(lines), "cancelled.jsonl", cancel.Token);
        await cancelled.Should().ThrowAsync<OperationCanceledException>();

        var free = CoreBudget.Take(int.MaxValue);
        CoreBudget.Give(free);
        free.Should().Be(Environment.ProcessorCount);
    }

    [Fact]
    public async Task A_read_that_finds_no_thread_free_reads_alone_and_answers_the_same()
    {
        var lines = Lines();
        var options = new DetectionOptions { BatchAfterBytes = 0, BatchTargetBytes = 4096 };
        var alone = new DetectionPipeline(new DetectionOptions { ReadThreads = 1 }).Begin();
        await alone.ReadAsync(new MemoryStream(lines), "trail.jsonl", CancellationToken.None);

        var held = CoreBudget.Take(int.MaxValue);
        var busy = new DetectionPipeline(options).Begin();
        try
        {
            await busy.ReadAsync(new MemoryStream(lines), "trail.jsonl", CancellationToken.None);
        }
        finally
        {
            CoreBudget.Give(held);
        }

        Comparable(busy).Should().Be(Comparable(alone));
    }

    private static string Comparable(AnalysisSession session) =>
        Reading.Comparable(session.Complete()).Replace("\"duration_ms\"", string.Empty, StringComparison.Ordinal);

    private static byte[] Lines() => Encoding.UTF8.GetBytes(string.Join('\n', Corpus.EventLines()) + "\n");
}
