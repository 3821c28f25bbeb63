using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;

namespace IamUeba.Core.Ingest;

/// <summary>
/// Uses every core on an upload's parts, one after the other. The reader thread only finds where
/// events end and copies them into batches; workers parse and observe batches in parallel; the
/// observations are applied to the one <see cref="FeatureAggregator"/> strictly in file order, part
/// after part, by whichever worker finishes the next batch due. So the answer is the same, byte for
/// byte, as reading on one thread.
/// </summary>
internal sealed class ParallelDigest : IEventBatcher, IDisposable
{
    private readonly FeatureAggregator _aggregator;
    private readonly StringPool _pool;
    private readonly SkipLog _skips;
    private readonly List<DigestWorker> _states;
    private readonly Action? _finished;
    private readonly int _workerCount;
    private readonly int _targetBytes;
    private readonly BlockingCollection<DigestWork> _queue = [];
    private readonly SemaphoreSlim _inFlight;
    private readonly int _maxInFlight;
    private readonly List<DigestWork> _filled = [];
    private readonly Dictionary<long, DigestWork> _digested = [];
    private readonly Lock _gate = new();
    private readonly List<(Thread Thread, DigestWorker Worker)> _workers = [];
    private DigestWork? _current;
    private long _nextSequence;
    private long _nextToApply;
    private bool _applying;
    private Exception? _failure;
    private volatile bool _stopped;

    /// <param name="states">
    /// The session's worker states (string pools, caches), reused part after part so that a folder of
    /// a thousand files does not intern every value a thousand times; grown to <paramref name="workers"/>.
    /// </param>
    /// <param name="finished">Called once the workers have stopped (to give their cores back).</param>
    public ParallelDigest(FeatureAggregator aggregator, StringPool pool, SkipLog skips, List<DigestWorker> states, int workers, int targetBytes = EventBatch.DefaultTargetBytes, Action? finished = null)
    {
        _aggregator = aggregator;
        _pool = pool;
        _skips = skips;
        _states = states;
        _workerCount = workers;
        _targetBytes = targetBytes;
        _finished = finished;

        // Three batches per worker between the reader and the aggregator (queued, being parsed, waiting
        // for their turn) keep the workers busy and bound memory to a few megabytes.
        _maxInFlight = 3 * workers;
        _inFlight = new SemaphoreSlim(_maxInFlight);
    }

    public void Add(PartReport report, ReadOnlySpan<byte> json, long index)
    {
        var work = Current(report);
        work.Batch.Add(json, index);
        CloseIfFull(work);
    }

    public void AddUnchecked(PartReport report, ReadOnlySpan<byte> json, ReadOnlySpan<byte> context, long index, EventOrigin origin)
    {
        var work = Current(report);
        work.Batch.Add(json, context, index, origin);
        CloseIfFull(work);
    }

    public void AddSkip(PartReport report, long index, SkipReason reason, string detail)
    {
        var work = Current(report);
        work.Batch.AddSkip(index, reason, detail);
        CloseIfFull(work);
    }

    public async ValueTask SubmitAsync(CancellationToken cancellationToken)
    {
        if (_filled.Count == 0)
        {
            return;
        }

        if (_workers.Count == 0)
        {
            // Threads of their own, not the thread pool's: CPU-bound loops on pool threads would starve
            // the request's own continuations (its reads of the body) on a small machine.
            for (var i = 0; i < _workerCount; i++)
            {
                if (_states.Count == i)
                {
                    _states.Add(new DigestWorker(_aggregator, _pool.MaxLength));
                }

                var worker = _states[i];
                var thread = new Thread(() => Run(worker)) { IsBackground = true, Name = $"IamUeba digest {i + 1}" };
                _workers.Add((thread, worker));
                thread.Start();
            }
        }

        try
        {
            foreach (var work in _filled)
            {
                await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
                ThrowIfFailed();
                _queue.Add(work, CancellationToken.None);
            }
        }
        finally
        {
            _filled.Clear();
        }
    }

    public ValueTask EndPartAsync(CancellationToken cancellationToken)
    {
        // A batch belongs to one part (its counts go to that part's report): the next part starts a new one.
        if (_current is { Batch.Items.Count: > 0 })
        {
            _filled.Add(_current);
            _current = null;
        }

        return SubmitAsync(cancellationToken);
    }

    public async Task FinishAsync(bool abandon)
    {
        try
        {
            if (!abandon)
            {
                // Batches filled before an error in the reader are submitted here, then applied like the rest.
                await EndPartAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            // Whatever happened above, the workers stop, their threads end and their cores go back.
            _stopped |= abandon;
            _queue.CompleteAdding();
            await Task.Run(
                () =>
                {
                    foreach (var (thread, _) in _workers)
                    {
                        thread.Join();
                    }
                },
                CancellationToken.None).ConfigureAwait(false);
            _finished?.Invoke();
            foreach (var (_, worker) in _workers)
            {
                _pool.AddTruncated(worker.TakeTruncatedCount());
            }

            Dispose();
        }

        if (!abandon)
        {
            ThrowIfFailed();

            // Every batch submitted was applied, or the answer would silently miss events: a fault to
            // log, never an answer.
            if (_nextToApply != _nextSequence)
            {
                throw new InvalidOperationException($"Batches {_nextToApply} to {_nextSequence - 1} of {_nextSequence} were read but never applied ({_digested.Count} digested, not applied).");
            }
        }
    }

    public void Dispose()
    {
        _queue.Dispose();
        _inFlight.Dispose();
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }
    }

    // By bytes, and by count for a part of tiny items (a long array of numbers is all skips).
    private void CloseIfFull(DigestWork work)
    {
        if (work.Batch.JsonLength >= _targetBytes || work.Batch.Items.Count >= EventBatch.MaxItems)
        {
            _filled.Add(work);
            _current = null;
        }
    }

    private DigestWork Current(PartReport report)
    {
        if (_current is null)
        {
            _current = DigestWork.Rent();
            _current.Batch.Start(report, _nextSequence++);
        }

        return _current;
    }

    private void Run(DigestWorker worker)
    {
        foreach (var work in _queue.GetConsumingEnumerable())
        {
            // Abandoned (the request is over) or failed: let the queue run dry without work.
            if (_stopped)
            {
                continue;
            }

            try
            {
                worker.Digest(work);
                ApplyInOrder(work);
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    _failure ??= ex;
                }

                // Wake a reader waiting for room: it finds the failure and stops.
                _stopped = true;
                _inFlight.Release(_maxInFlight);
            }
        }
    }

    /// <summary>Hands a digested batch in; the worker that holds the next batch due applies it and any that follow.</summary>
    private void ApplyInOrder(DigestWork work)
    {
        lock (_gate)
        {
            _digested.Add(work.Batch.Sequence, work);
            if (_applying)
            {
                return;
            }

            _applying = true;
        }

        while (true)
        {
            DigestWork? next;
            lock (_gate)
            {
                if (_failure is not null || !_digested.Remove(_nextToApply, out next))
                {
                    _applying = false;
                    return;
                }

                _nextToApply++;
            }

            Apply(next);
            DigestWork.Return(next);
            _inFlight.Release();
        }
    }

    private void Apply(DigestWork work)
    {
        var batch = work.Batch;
        var report = batch.Report;
        var results = work.Results;
        for (var i = 0; i < batch.Items.Count; i++)
        {
            ref var result = ref results[i];
            if (result.Fault is { } fault)
            {
                // The first fault in file order ends the read, after every event before it, as on one thread.
                throw fault;
            }

            if (result.Skip is { } reason)
            {
                report.Skipped++;
                _skips.Add(reason, report.Name, batch.Items[i].Index, result.SkipDetail!);
                continue;
            }

            CloudTrailReader.Count(report, _aggregator.Apply(in result.Observation, work.Ids));
        }
    }
}
