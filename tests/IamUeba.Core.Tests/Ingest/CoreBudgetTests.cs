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
    public async Task Sessions_that_complete_fail_are_cancelled_or_are_given_up_between_parts_give_their_threads_back()
    {
        var lines = Lines();
        var options = new DetectionOptions { BatchAfterBytes = 0 };

        var good = new DetectionPipeline(options).Begin();
        await good.ReadAsync(new MemoryStream(lines), "good.jsonl", CancellationToken.None);
        if (Environment.ProcessorCount > 1)
        {
            Free().Should().Be(0, "the workers stay from one part to the next");
        }

        await good.ReadAsync(new MemoryStream(lines), "again.jsonl", CancellationToken.None);
        var answer = await good.CompleteAsync();
        answer.Files.Select(f => f.Events + f.Skipped + f.Duplicates + f.Excluded).Should().Equal([Corpus.EventLines().Count, Corpus.EventLines().Count], "each part's counts are final once the session completes");
        Free().Should().Be(Environment.ProcessorCount);

        var givenUp = new DetectionPipeline(options).Begin();
        await givenUp.ReadAsync(new MemoryStream(lines), "first.jsonl", CancellationToken.None);
        await givenUp.AbandonAsync();
        Free().Should().Be(Environment.ProcessorCount, "a request refused between parts gives the threads back");

        var broken = () => new DetectionPipeline(options).Begin().ReadAsync(new MemoryStream([.. lines, .. "{\"eventName\":"u8.ToArray()]), "cut.jsonl", CancellationToken.None);
        await broken.Should().ThrowAsync<CloudTrailFormatException>();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var cancelled = () => new DetectionPipeline(options).Begin().ReadAsync(new MemoryStream(lines), "cancelled.jsonl", cancel.Token);
        await cancelled.Should().ThrowAsync<OperationCanceledException>();

        Free().Should().Be(Environment.ProcessorCount);
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

    private static int Free()
    {
        var free = CoreBudget.Take(int.MaxValue);
        CoreBudget.Give(free);
        return free;
    }

    private static string Comparable(AnalysisSession session) =>
        Reading.Comparable(session.Complete()).Replace("\"duration_ms\"", string.Empty, StringComparison.Ordinal);

    private static byte[] Lines() => Encoding.UTF8.GetBytes(string.Join('\n', Corpus.EventLines()) + "\n");
}
