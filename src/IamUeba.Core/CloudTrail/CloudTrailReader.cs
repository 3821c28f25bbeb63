using System.Buffers;
using System.IO.Compression;
using System.Text.Json;

namespace IamUeba.Core.CloudTrail;

/// <summary>
/// Streams one part of an upload (a file or a raw body) into an <see cref="IEventSink"/>. The shape
/// is detected from the bytes (gzip magic, then the JSON itself); memory holds one buffer that grows
/// only to the largest single event, never to the size of the part.
/// </summary>
public sealed class CloudTrailReader
{
    private const int InitialBufferSize = 64 * 1024;

    // A fault's message shows at most this many characters of the bytes where it is; an event handed
    // over unchecked carries the bytes after it that such an excerpt can reach.
    private const int FaultExcerptChars = 32;
    private const int FaultContextBytes = 64;
    private const int MaxGzipLayers = 2;

    private readonly IEventSink _sink;
    private readonly StringPool _pool;
    private readonly SkipLog _skips;
    private readonly ReaderLimits _limits;
    private readonly Func<IEventBatcher?>? _batching;
    private readonly long _batchAfterBytes;
    private long _totalBytes;
    private IEventBatcher? _batcher;

    /// <param name="batching">
    /// Where events go once <paramref name="batchAfterBytes"/> were read in all parts together: the
    /// reader then only finds each event's end and other threads parse and observe them, for this
    /// part and the ones after, until <see cref="FinishAsync"/>. A small upload never pays for the
    /// hand-over. It may answer null (no thread free yet): it is asked again later.
    /// </param>
    public CloudTrailReader(IEventSink sink, StringPool pool, SkipLog skips, ReaderLimits limits, Func<IEventBatcher?>? batching = null, long batchAfterBytes = 256 * 1024)
    {
        _sink = sink;
        _pool = pool;
        _skips = skips;
        _limits = limits;
        _batching = batching;
        _batchAfterBytes = batchAfterBytes;
    }

    /// <summary>
    /// Reads one part. Its counts of events are final once <see cref="FinishAsync"/> has run: workers
    /// may still hold its last events when it returns. After an error or a cancellation the workers
    /// have stopped (the events before an error are applied).
    /// </summary>
    public async Task<PartReport> ReadAsync(Stream input, string partName, CancellationToken cancellationToken)
    {
        var report = new PartReport(partName);
        await ReadAsync(input, report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>Reads one part into <paramref name="report"/>, which holds what was read before an error too.</summary>
    public async Task ReadAsync(Stream input, PartReport report, CancellationToken cancellationToken)
    {
        var partName = report.Name;
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var streams = new List<Stream>();
        var ended = false;
        try
        {
            var stream = input;
            PrefixedStream? compressed = null;
            var count = 0;
            var final = false;
            for (var layer = 0; ; layer++)
            {
                (count, final) = await FillAsync(stream, buffer, 0, report, compressed, cancellationToken).ConfigureAwait(false);
                if (count < 2 || buffer[0] != 0x1F || buffer[1] != 0x8B)
                {
                    break;
                }

                if (layer == MaxGzipLayers)
                {
                    throw new CloudTrailFormatException(FormatProblem.UnknownShape, "gzip nested more than two deep; expected CloudTrail JSON inside.", partName);
                }

                // Seen gzip magic: what was read so far is compressed bytes, not JSON; count it again after inflating.
                report.Gzip = true;
                report.Bytes = 0;
                _totalBytes -= count;
                compressed = new PrefixedStream(buffer.AsSpan(0, count).ToArray(), stream);
                var gzip = new GZipStream(compressed, CompressionMode.Decompress);
                streams.Add(gzip);
                stream = gzip;
            }

            var start = HasBom(buffer.AsSpan(0, count)) ? 3 : 0;
            var walker = new ShapeWalker(this, report, start);
            var state = new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = _limits.MaxDepth });
            long baseOffset = start;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var consumed = walker.Advance(buffer.AsSpan(start, count - start), final, ref state, baseOffset);
                start += consumed;
                baseOffset += consumed;
                if (_batcher is not null)
                {
                    await _batcher.SubmitAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (_batching is not null && _totalBytes >= _batchAfterBytes)
                {
                    // Past the first bytes of the session (not of the part): a folder of small files
                    // is spread over the cores too, one worker's part overlapping the reader's next.
                    _batcher = _batching();
                }

                if (final)
                {
                    walker.Finish();
                    if (_batcher is { } batcher)
                    {
                        await batcher.EndPartAsync(cancellationToken).ConfigureAwait(false);
                    }

                    ended = true;
                    return;
                }

                if (start == 0 && count == buffer.Length)
                {
                    // No progress with a full buffer: one value is larger than the buffer. Grow, within the event limit.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else if (start > 0)
                {
                    buffer.AsSpan(start, count - start).CopyTo(buffer);
                    count -= start;
                    start = 0;
                }

                (var added, final) = await FillAsync(stream, buffer, count, report, compressed, cancellationToken).ConfigureAwait(false);
                count = added;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new CloudTrailFormatException(FormatProblem.Compression, $"the gzip data is corrupt: {ex.Message}", partName, byteOffset: report.Bytes, inner: ex);
        }
        finally
        {
            // After an error the events before it (in this part and the ones before) were read and
            // count, as they would without batching; only a cancelled read (the request is over) drops
            // what the workers still hold. A part that ended well leaves the workers working on.
            if (!ended)
            {
                await FinishBatchesAsync(abandon: cancellationToken.IsCancellationRequested).ConfigureAwait(false);
            }

            ArrayPool<byte>.Shared.Return(buffer);
            foreach (var s in streams)
            {
                await s.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<(int Count, bool Final)> FillAsync(Stream stream, byte[] buffer, int count, PartReport report, PrefixedStream? compressed, CancellationToken cancellationToken)
    {
        while (count < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return (count, true);
            }

            count += n;
            report.Bytes += n;
            _totalBytes += n;
            CheckSize(report, compressed);
        }

        return (count, false);
    }

    private void CheckSize(PartReport report, PrefixedStream? compressed)
    {
        if (_totalBytes > _limits.MaxDecompressedBytes)
        {
            throw new CloudTrailFormatException(
                FormatProblem.TooLarge,
                $"more than {_limits.MaxDecompressedBytes} bytes of JSON after decompression in this upload (limit Limits:MaxDecompressedBytes).",
                report.Name,
                byteOffset: report.Bytes);
        }

        const long Allowance = 1024 * 1024;
        if (compressed is not null && report.Bytes > Allowance && report.Bytes > compressed.BytesRead * (long)_limits.MaxCompressionRatio)
        {
            throw new CloudTrailFormatException(
                FormatProblem.TooLarge,
                $"the gzip data inflates more than {_limits.MaxCompressionRatio} times ({compressed.BytesRead} bytes became {report.Bytes}): refused as a decompression bomb (limit Limits:MaxCompressionRatio).",
                report.Name,
                byteOffset: report.Bytes);
        }
    }

    /// <summary>Applies every event the workers still hold and gives their threads back: every part's counts are final after it.</summary>
    public Task FinishAsync() => FinishBatchesAsync(abandon: false);

    /// <summary>Stops the workers without applying what they hold: the analysis is given up.</summary>
    public Task AbandonAsync() => FinishBatchesAsync(abandon: true);

    private async Task FinishBatchesAsync(bool abandon)
    {
        if (_batcher is { } batcher)
        {
            _batcher = null;
            await batcher.FinishAsync(abandon).ConfigureAwait(false);
        }
    }

    private static bool HasBom(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF;

    private void Skip(PartReport report, long index, SkipReason reason, string detail)
    {
        if (_batcher is not null)
        {
            _batcher.AddSkip(report, index, reason, detail);
            return;
        }

        report.Skipped++;
        _skips.Add(reason, report.Name, index, detail);
    }

    private void Deliver(PartReport report, CloudTrailEvent e, long index)
    {
        if (Unusable(e, out var detail) is { } reason)
        {
            Skip(report, index, reason, detail);
            return;
        }

        Count(report, _sink.Add(e));
    }

    /// <summary>Why a parsed event cannot be used, or null when it can.</summary>
    internal static SkipReason? Unusable(CloudTrailEvent e, out string detail)
    {
        if (!e.HasEventTime)
        {
            detail = e.EventTimeUnreadable ? "eventTime is not an ISO 8601 time" : "no eventTime";
            return e.EventTimeUnreadable ? SkipReason.UnreadableEventTime : SkipReason.MissingEventTime;
        }

        // An Insights record names the API it is about inside insightDetails, never at the top: it is
        // not an event that lost its name, and the sink excludes it as an Insights record.
        if (string.IsNullOrEmpty(e.EventName) && !e.IsInsight)
        {
            detail = "no eventName";
            return SkipReason.MissingEventName;
        }

        detail = string.Empty;
        return null;
    }

    internal static void Count(PartReport report, EventOutcome outcome)
    {
        switch (outcome)
        {
            case EventOutcome.Accepted:
                report.Events++;
                break;
            case EventOutcome.Duplicate:
                report.Duplicates++;
                break;
            case EventOutcome.Excluded:
                report.Excluded++;
                break;
        }
    }

    /// <summary>
    /// The resumable part of the reader: walks the tokens of one buffer and remembers where it is in
    /// the container structure (root, a root object's properties, the items of an event array).
    /// </summary>
    /// <param name="start">Where the reader starts in the part (after a byte order mark): lines and columns count from there.</param>
    private sealed class ShapeWalker(CloudTrailReader owner, PartReport report, long start)
    {
        private readonly CloudTrailEvent _event = new();
        private Mode _mode = Mode.Root;
        private ItemKind _kind;
        private bool _itemsAtRoot;
        private bool _rootHasContainer;
        private long _index;
        private int _roots;
        private byte[] _scratch = [];

        // The fast run (FastRun) reads events without the reader, then resumes the reader with the
        // state it had after the last event it read itself in the same container: that state
        // believes it is where that event ended. Lines are counted here to report them right.
        private JsonReaderState _afterEvent;
        private bool _hasAfterEvent;
        private Mode _afterEventMode;
        private int _afterEventDepth;
        private long _afterEventLine;
        private long _afterEventColumn;
        private int _jumpTo = -1;

        // True line = the reader's line + _lineShift; on its line _shiftedLine, its column is off by _columnShift.
        private long _lineShift;
        private long _shiftedLine = -1;
        private long _columnShift;

        // Newlines in the bytes before _countedTo (an offset in the part), and where the last line starts.
        private long _countedTo = start;
        private long _lines;
        private long _lineStart = start;

        private enum Mode
        {
            Root,
            RootObject,
            Items,
        }

        private enum ItemKind
        {
            Event,
            LookupItem,
            LogEvent,
        }

        public int Advance(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, long baseOffset)
        {
            var consumed = 0;
            while (true)
            {
                consumed += AdvanceOnce(data[consumed..], final, ref state, baseOffset + consumed, out var jumped);
                Position(data, baseOffset, baseOffset + consumed);
                if (!jumped)
                {
                    return consumed;
                }
            }
        }

        private int AdvanceOnce(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, long baseOffset, out bool jumped)
        {
            jumped = false;
            var reader = new Utf8JsonReader(data, final, state);
            var resumeState = state;
            long resumeAt = 0;
            try
            {
                while (true)
                {
                    resumeState = reader.CurrentState;
                    resumeAt = reader.BytesConsumed;
                    if (!reader.Read())
                    {
                        // The reader stops before an incomplete token but past the white space before
                        // it: resume from there, so a long run of white space is not kept in the buffer.
                        resumeState = reader.CurrentState;
                        resumeAt = reader.BytesConsumed;
                        break;
                    }

                    var progressed = _mode switch
                    {
                        Mode.Root => OnRoot(ref reader, data, baseOffset),
                        Mode.RootObject => OnRootObject(ref reader, data, baseOffset),
                        _ => OnItem(ref reader, data, baseOffset),
                    };
                    if (_jumpTo >= 0)
                    {
                        // The fast run read on past the reader: resume it after the last event read.
                        resumeAt = _jumpTo;
                        resumeState = _afterEvent;
                        Jump(data, baseOffset, baseOffset + _jumpTo);
                        _jumpTo = -1;
                        jumped = true;
                        break;
                    }

                    if (!progressed)
                    {
                        break;
                    }
                }
            }
            catch (JsonException ex)
            {
                throw SyntaxError(ex, baseOffset + reader.BytesConsumed, reader.CurrentDepth);
            }
            catch (ProbeFault fault)
            {
                throw SyntaxError(fault.Inner, baseOffset + fault.Position, fault.Depth);
            }

            state = resumeState;
            return (int)resumeAt;
        }

        public void Finish()
        {
            if (_roots == 0)
            {
                report.Shape = InputShape.Empty;
            }
        }

        private bool OnRoot(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, long baseOffset)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    CountRoot(InputShape.Array);
                    StartItems(ItemKind.Event, atRoot: true);
                    return true;
                case JsonTokenType.StartObject:
                    return OnRootObjectStart(ref reader, data, baseOffset);
                default:
                    throw new CloudTrailFormatException(
                        FormatProblem.UnknownShape,
                        $"the top-level value is {Describe(reader.TokenType)}; expected a CloudTrail file ({{\"Records\":[...]}}, an array of events, JSON Lines, or lookup-events output).",
                        report.Name,
                        byteOffset: baseOffset + reader.TokenStartIndex);
            }
        }

        private bool OnRootObjectStart(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, long baseOffset)
        {
            var start = (int)reader.TokenStartIndex;

            // The common S3 file starts with "Records": stream it without looking further.
            var peek = reader;
            if (!peek.Read())
            {
                return false;
            }

            if (peek.TokenType == JsonTokenType.PropertyName && ContainerKind(ref peek) is not null)
            {
                EnterRootObject();
                return true;
            }

            // JSON Lines of CloudTrail records: the first key says it is an event, so parse it in one pass.
            if (peek.TokenType == JsonTokenType.PropertyName && StartsAnEvent(ref peek))
            {
                if (!ParseInPlace(ref reader, data, baseOffset))
                {
                    return false;
                }

                CountRoot(InputShape.SingleEvent);
                return true;
            }

            var whole = reader;
            if (TrySkipValue(ref whole))
            {
                if (!OnWholeRootObject(data[start..(int)whole.BytesConsumed], baseOffset + start))
                {
                    EnterRootObject();
                    return true;
                }

                reader = whole;
                return true;
            }

            if (data.Length - start >= owner._limits.MaxEventBytes)
            {
                // Too big to be one event: walk it as a container and look for its event array.
                EnterRootObject();
                return true;
            }

            return false;
        }

        private void EnterRootObject()
        {
            _mode = Mode.RootObject;
            _rootHasContainer = false;
        }

        private bool OnRootObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, long baseOffset)
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                if (!_rootHasContainer)
                {
                    throw new CloudTrailFormatException(
                        FormatProblem.TooLarge,
                        $"a top-level object of more than {owner._limits.MaxEventBytes} bytes with no Records, Events or logEvents array: too large for one event (limit Limits:MaxEventBytes).",
                        report.Name,
                        byteOffset: baseOffset + reader.TokenStartIndex);
                }

                _mode = Mode.Root;
                return true;
            }

            var kind = ContainerKind(ref reader);
            var next = reader;
            if (kind is { } itemKind)
            {
                if (!next.Read())
                {
                    return false;
                }

                if (next.TokenType == JsonTokenType.StartArray)
                {
                    reader = next;
                    _rootHasContainer = true;
                    CountRoot(itemKind switch
                    {
                        ItemKind.LookupItem => InputShape.LookupEvents,
                        ItemKind.LogEvent => InputShape.CloudWatchLogs,
                        _ => InputShape.Records,
                    });
                    StartItems(itemKind, atRoot: false);
                    return true;
                }

                if (next.TokenType == JsonTokenType.Null)
                {
                    reader = next;
                    _rootHasContainer = true;
                    return true;
                }

                throw new CloudTrailFormatException(
                    FormatProblem.UnknownShape,
                    $"\"{reader.GetString()}\" holds {Describe(next.TokenType)}; expected an array of events.",
                    report.Name,
                    byteOffset: baseOffset + next.TokenStartIndex);
            }

            if (!TrySkipValue(ref next))
            {
                return AwaitMore(data, reader.TokenStartIndex, baseOffset);
            }

            reader = next;
            return true;
        }

        private bool OnItem(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, long baseOffset)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.EndArray:
                    _mode = _itemsAtRoot ? Mode.Root : Mode.RootObject;
                    return true;
                case JsonTokenType.StartObject when _kind == ItemKind.Event:
                    return ParseInPlace(ref reader, data, baseOffset);
                case JsonTokenType.StartObject:
                    var start = (int)reader.TokenStartIndex;
                    var whole = reader;
                    if (!TrySkipValue(ref whole))
                    {
                        return AwaitMore(data, start, baseOffset);
                    }

                    OnItemObject(data[start..(int)whole.BytesConsumed]);
                    reader = whole;
                    return true;
                default:
                    var skipped = reader;
                    if (!TrySkipValue(ref skipped))
                    {
                        return false;
                    }

                    owner.Skip(report, _index++, SkipReason.NotAnObject, $"item is {Describe(reader.TokenType)}, not an event object");
                    reader = skipped;
                    return true;
            }
        }

        /// <summary>
        /// The hot path: parses an event straight from the buffer in one pass. When the event runs
        /// past the buffer, nothing is kept and the caller retries it after the next refill.
        /// </summary>
        private bool ParseInPlace(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, long baseOffset)
        {
            if (FastRun(ref reader, data, baseOffset, out var cut))
            {
                return true;
            }

            var start = reader.TokenStartIndex;
            if (cut)
            {
                // The scanner saw the event run past the buffer: reading it again with the reader
                // would only end in NeedMoreData, an exception once a buffer.
                return AwaitMore(data, start, baseOffset);
            }

            var probe = reader;
            if (owner._batcher is { } batcher)
            {
                // Batched: only find the event's end (which also checks its syntax); a worker parses it.
                if (!TrySkipValue(ref probe))
                {
                    return AwaitMore(data, start, baseOffset);
                }

                batcher.Add(report, data[(int)start..(int)probe.BytesConsumed], _index++);
                reader = probe;
                RememberAfterEvent(in reader, data, baseOffset);
                return true;
            }

            var truncatedBefore = owner._pool.TruncatedValues;
            try
            {
                EventParser.ParseAt(ref probe, _event, owner._pool);
            }
            catch (NeedMoreData)
            {
                // The event is parsed again from its start after the refill: count its cut values once.
                owner._pool.RestoreTruncated(truncatedBefore);
                return AwaitMore(data, start, baseOffset);
            }
            catch (JsonException ex)
            {
                throw new ProbeFault(ex, probe.BytesConsumed, probe.CurrentDepth);
            }

            reader = probe;
            owner.Deliver(report, _event, _index++);
            RememberAfterEvent(in reader, data, baseOffset);
            return true;
        }

        /// <summary>
        /// From the event object the reader is at, reads events with the scanner while they follow
        /// one another plainly (a comma between array items; only white space between JSON Lines)
        /// and the scanner takes them: <see cref="FastEventParser"/> in place, or, batched, only
        /// where each ends (<see cref="ObjectEnd"/>: its brackets, not its syntax, which the worker
        /// checks as it parses). True when it read at least one: the reader then resumes after the
        /// last (<see cref="_jumpTo"/>); false leaves the event to the reader, or, when
        /// <paramref name="cut"/> (the scanner ran out of bytes before its end), to the next refill.
        /// </summary>
        private bool FastRun(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, long baseOffset, out bool cut)
        {
            cut = false;
            if (!_hasAfterEvent || _afterEventMode != _mode || _afterEventDepth != reader.CurrentDepth)
            {
                return false;
            }

            // Containers the event may open, itself included, one short of the reader's limit.
            var depth = owner._limits.MaxDepth - reader.CurrentDepth - 1;
            var at = (int)reader.TokenStartIndex;
            var read = 0;
            while (true)
            {
                int end;
                if (owner._batcher is { } batcher)
                {
                    end = ObjectEnd.Find(data, at, depth);
                    if (end < 0 || (end + FaultContextBytes > data.Length && !reader.IsFinalBlock))
                    {
                        // Cut by the buffer's end, too deep, or without the bytes after it that a
                        // fault's excerpt may show: the reader takes it.
                        break;
                    }

                    var (line, column) = Position(data, baseOffset, baseOffset + at);
                    var context = data[end..Math.Min(data.Length, end + FaultContextBytes)];
                    batcher.AddUnchecked(report, data[at..end], context, _index++, new EventOrigin(baseOffset + at, line, column));
                }
                else
                {
                    var truncatedBefore = owner._pool.TruncatedValues;
                    var parse = FastEventParser.TryParse(data, at, _event, owner._pool, depth, out end);
                    if (parse != FastParse.Parsed)
                    {
                        owner._pool.RestoreTruncated(truncatedBefore);
                        cut = parse == FastParse.RanOut && !reader.IsFinalBlock;
                        break;
                    }

                    owner.Deliver(report, _event, _index++);
                }

                if (_mode == Mode.Root && read > 0)
                {
                    CountRoot(InputShape.SingleEvent); // the first is counted by the caller
                }

                read++;
                _jumpTo = end;
                if (!NextEventAt(data, end, out at))
                {
                    break;
                }
            }

            return read > 0;
        }

        /// <summary>Where the next event starts when it follows the one ending at <paramref name="end"/> plainly.</summary>
        private bool NextEventAt(ReadOnlySpan<byte> data, int end, out int next)
        {
            var scanner = new JsonScanner(data, end);
            next = -1;
            if ((_mode == Mode.Items && !scanner.Take((byte)',')) || !scanner.Peek(out var first) || first != '{')
            {
                return false;
            }

            next = scanner.Position;
            if (_mode == Mode.Items)
            {
                return true;
            }

            // A root object is taken for an event by its first key, as OnRootObjectStart does.
            scanner.Take((byte)'{');
            return scanner.String(out var key, out var escaped) && !escaped && StartsAnEvent(key);
        }

        /// <summary>The reader has just read an event's closing brace: its state can resume a fast run's reading.</summary>
        private void RememberAfterEvent(in Utf8JsonReader reader, ReadOnlySpan<byte> data, long baseOffset)
        {
            _afterEvent = reader.CurrentState;
            _afterEventMode = _mode;
            _afterEventDepth = reader.CurrentDepth;
            _hasAfterEvent = true;

            // Where the reader believes it is: where it is, less what it was told at its last jump.
            var (line, column) = Position(data, baseOffset, baseOffset + reader.BytesConsumed);
            _afterEventLine = line - _lineShift;
            _afterEventColumn = _afterEventLine == _shiftedLine ? column - _columnShift : column;
        }

        /// <summary>The reader resumes at <paramref name="offset"/> believing it is where the remembered event ended.</summary>
        private void Jump(ReadOnlySpan<byte> data, long baseOffset, long offset)
        {
            var (line, column) = Position(data, baseOffset, offset);
            _lineShift = line - _afterEventLine;
            _shiftedLine = _afterEventLine;
            _columnShift = column - _afterEventColumn;
        }

        /// <summary>Line and byte in line (from 0) of an offset of the part, counting newlines up to it; offsets only grow.</summary>
        private (long Line, long Column) Position(ReadOnlySpan<byte> data, long baseOffset, long offset)
        {
            if (offset > _countedTo)
            {
                var span = data[(int)(_countedTo - baseOffset)..(int)(offset - baseOffset)];
                var newlines = span.Count((byte)'\n');
                if (newlines > 0)
                {
                    _lines += newlines;
                    _lineStart = _countedTo + span.LastIndexOf((byte)'\n') + 1;
                }

                _countedTo = offset;
            }

            return (_lines, offset - _lineStart);
        }

        private void OnItemObject(ReadOnlySpan<byte> item)
        {
            switch (_kind)
            {
                case ItemKind.LookupItem:
                    OnEmbedded(item, "cloudtrailevent"u8, "lookup-events item");
                    break;
                case ItemKind.LogEvent:
                    OnEmbedded(item, "message"u8, "logEvents item");
                    break;
                default:
                    OnEvent(item);
                    break;
            }
        }

        private void OnEvent(ReadOnlySpan<byte> json)
        {
            if (owner._batcher is { } batcher)
            {
                batcher.Add(report, json, _index++);
                return;
            }

            // As a worker does: the scanner reads the common event for a fraction of what the reader
            // costs, and the reader reads what the scanner declines (the bytes were checked whole).
            if (!FastEventParser.TryParseWhole(json, _event, owner._pool))
            {
                EventParser.Parse(json, _event, owner._pool);
            }

            owner.Deliver(report, _event, _index++);
        }

        /// <summary>An event carried as a JSON string inside a wrapper (lookup-events, CloudWatch Logs).</summary>
        private void OnEmbedded(ReadOnlySpan<byte> wrapper, ReadOnlySpan<byte> key, string what)
        {
            var reader = new Utf8JsonReader(wrapper);
            reader.Read();
            Span<byte> nameBuffer = stackalloc byte[64];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JsonFields.Name(in reader, nameBuffer);
                reader.Read();
                if (!JsonFields.Is(name, key))
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    OnEvent(wrapper[start..(int)reader.BytesConsumed]);
                    return;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    var length = reader.ValueSpan.Length;
                    if (_scratch.Length < length)
                    {
                        _scratch = new byte[Math.Max(length, 4096)];
                    }

                    if (!TryCopyString(ref reader, _scratch, out var written))
                    {
                        owner.Skip(report, _index++, SkipReason.EmbeddedEventNotJson, $"the {what}'s event string is not valid text");
                        return;
                    }

                    var inner = _scratch.AsSpan(0, written);
                    if (IsOneJsonObject(inner, owner._limits.MaxDepth))
                    {
                        OnEvent(inner);
                    }
                    else
                    {
                        owner.Skip(report, _index++, SkipReason.EmbeddedEventNotJson, $"the {what}'s event string is not one JSON object");
                    }

                    return;
                }

                break;
            }

            owner.Skip(report, _index++, SkipReason.NotAnObject, $"{what} without an event");
        }

        /// <summary>
        /// Reads a whole top-level object that did not say what it is by its first key; false, having
        /// read nothing, when it holds a Records, Events or logEvents array (or null), which the
        /// reader then walks as a container. One pass over its members decides both.
        /// </summary>
        private bool OnWholeRootObject(ReadOnlySpan<byte> span, long offset)
        {
            var reader = new Utf8JsonReader(span);
            reader.Read();
            var isEvent = false;
            var isDigest = false;
            var isLookupItem = false;
            var detailStart = -1;
            var detailEnd = -1;
            var hasDetailType = false;
            Span<byte> nameBuffer = stackalloc byte[64];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isContainer = ContainerKind(ref reader) is not null;
                var name = JsonFields.Name(in reader, nameBuffer);
                isEvent |= JsonFields.Is(name, "eventname"u8) || JsonFields.Is(name, "eventtime"u8) || JsonFields.Is(name, "eventversion"u8)
                    || JsonFields.Is(name, "useridentity"u8) || JsonFields.Is(name, "eventsource"u8) || JsonFields.Is(name, "eventid"u8);
                isDigest |= JsonFields.Is(name, "digeststarttime"u8) || JsonFields.Is(name, "digests3object"u8);
                isLookupItem |= JsonFields.Is(name, "cloudtrailevent"u8);
                hasDetailType |= JsonFields.Is(name, "detail-type"u8);
                var isDetail = JsonFields.Is(name, "detail"u8);
                reader.Read();
                if (isContainer && reader.TokenType is JsonTokenType.StartArray or JsonTokenType.Null)
                {
                    return false;
                }

                if (isDetail && reader.TokenType == JsonTokenType.StartObject)
                {
                    detailStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    detailEnd = (int)reader.BytesConsumed;
                }
                else
                {
                    reader.Skip();
                }
            }

            // lookup-events items also carry EventName and EventTime; the event itself is the CloudTrailEvent string.
            if (isLookupItem)
            {
                CountRoot(InputShape.LookupEvents);
                OnEmbedded(span, "cloudtrailevent"u8, "lookup-events item");
            }
            else if (detailStart >= 0 && hasDetailType && !isEvent)
            {
                CountRoot(InputShape.EventBridge);
                OnEvent(span[detailStart..detailEnd]);
            }
            else if (isDigest && !isEvent)
            {
                CountRoot(InputShape.Digest);
            }
            else if (isEvent)
            {
                CountRoot(InputShape.SingleEvent);
                OnEvent(span);
            }
            else
            {
                throw new CloudTrailFormatException(
                    FormatProblem.UnknownShape,
                    $"found a top-level object with keys [{string.Join(", ", FirstKeys(span))}]; expected Records, Events (lookup-events), logEvents (CloudWatch Logs), detail (EventBridge) or a single event with eventName and eventTime.",
                    report.Name,
                    byteOffset: offset);
            }

            return true;
        }

        /// <summary>The first eight keys of a whole object, for a message (not on the way of every object).</summary>
        private static List<string> FirstKeys(ReadOnlySpan<byte> span)
        {
            var reader = new Utf8JsonReader(span);
            reader.Read();
            var keys = new List<string>();
            Span<byte> nameBuffer = stackalloc byte[64];
            while (keys.Count < 8 && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                keys.Add(System.Text.Encoding.UTF8.GetString(JsonFields.Name(in reader, nameBuffer)));
                reader.Read();
                reader.Skip();
            }

            return keys;
        }

        private void StartItems(ItemKind kind, bool atRoot)
        {
            _hasAfterEvent = false;
            _mode = Mode.Items;
            _kind = kind;
            _itemsAtRoot = atRoot;
        }

        private bool StartsAnEvent(ref Utf8JsonReader reader)
        {
            Span<byte> buffer = stackalloc byte[128];
            return StartsAnEvent(JsonFields.Name(in reader, buffer));
        }

        private bool StartsAnEvent(ReadOnlySpan<byte> firstKey) => IsEventKey(firstKey) || (HoldsEvents && IsRecordField(firstKey));

        // The part's objects so far were events: JSON Lines (or one event, then the next).
        private bool HoldsEvents => _roots > 0 && report.Shape is InputShape.SingleEvent or InputShape.JsonLines;

        // Exact spellings as CloudTrail writes them: lookup-events items begin with "EventId".
        private static bool IsEventKey(ReadOnlySpan<byte> key) =>
            key.SequenceEqual("eventVersion"u8) || key.SequenceEqual("eventTime"u8) || key.SequenceEqual("eventName"u8)
            || key.SequenceEqual("userIdentity"u8) || key.SequenceEqual("eventSource"u8) || key.SequenceEqual("eventID"u8);

        // A CloudTrail record's fields, as CloudTrail spells them or all in lower case (Athena's
        // columns), but "resources" (EventBridge's too) and never PascalCase (lookup-events items).
        // Tools that write keys sorted (Stratus Red Team, json.dumps with sort_keys, jq -S) start an
        // event with additionalEventData, apiVersion or awsRegion; once a part has shown that it
        // holds events, such a first key is enough, where an object not known by its first key is
        // read whole before it is parsed, and no fast run follows (docs/performance.md, step 16).
        // The first object still has to show an event key of IsEventKey's, else a file of something
        // else (an API error saved by mistake) would be read as one event without a time rather
        // than refused with the shapes we expect.
        private static readonly string[] RecordFieldNames =
        [
            "eventVersion", "awsRegion", "additionalEventData", "apiVersion", "addendum", "eventTime", "eventName",
            "eventSource", "eventID", "eventType", "eventCategory", "userIdentity", "userAgent", "sourceIPAddress",
            "errorCode", "errorMessage", "requestParameters", "responseElements", "requestID", "sharedEventID",
            "managementEvent", "readOnly", "recipientAccountId", "serviceEventDetails", "sessionCredentialFromConsole",
            "tlsDetails", "vpcEndpointId", "vpcEndpointAccountId", "edgeDeviceDetails", "insightDetails",
        ];

        private static readonly byte[][] RecordFields = [.. RecordFieldNames.Select(System.Text.Encoding.ASCII.GetBytes)];

        private static readonly byte[][] RecordFieldsLowered = [.. RecordFieldNames.Select(n => System.Text.Encoding.ASCII.GetBytes(n.ToLowerInvariant()))];

        private static bool IsRecordField(ReadOnlySpan<byte> key)
        {
            for (var i = 0; i < RecordFields.Length; i++)
            {
                if (key.SequenceEqual(RecordFields[i]) || key.SequenceEqual(RecordFieldsLowered[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private void CountRoot(InputShape shape)
        {
            _roots++;
            if (_roots == 1)
            {
                report.Shape = shape;
            }
            else if (report.Shape == InputShape.SingleEvent && shape == InputShape.SingleEvent)
            {
                report.Shape = InputShape.JsonLines;
            }
            else if (!(report.Shape == InputShape.JsonLines && shape == InputShape.SingleEvent) && report.Shape != shape)
            {
                report.Shape = InputShape.Mixed;
            }
        }

        // Exact spellings: a sidecar file with an "events" index must not pass for lookup-events output.
        private static ItemKind? ContainerKind(ref Utf8JsonReader reader)
        {
            try
            {
                if (reader.ValueTextEquals("Records"u8))
                {
                    return ItemKind.Event;
                }

                if (reader.ValueTextEquals("Events"u8))
                {
                    return ItemKind.LookupItem;
                }

                return reader.ValueTextEquals("logEvents"u8) ? ItemKind.LogEvent : null;
            }
            catch (InvalidOperationException)
            {
                // A key whose escapes have no text behind them (a lone surrogate) names no container.
                return null;
            }
        }

        /// <summary>
        /// TrySkip on a look-ahead copy of the reader; a syntax error inside it is reported at the
        /// copy's position (where the fault is), not at the start of the value being probed.
        /// </summary>
        private static bool TrySkipValue(ref Utf8JsonReader probe)
        {
            try
            {
                return probe.TrySkip();
            }
            catch (JsonException ex)
            {
                throw new ProbeFault(ex, probe.BytesConsumed, probe.CurrentDepth);
            }
        }

        /// <summary>Unescapes a string; false when an escape has no text behind it (a lone surrogate) or the bytes are not UTF-8.</summary>
        private static bool TryCopyString(ref Utf8JsonReader reader, Span<byte> destination, out int written)
        {
            try
            {
                written = reader.CopyString(destination);
                return true;
            }
            catch (InvalidOperationException)
            {
                written = 0;
                return false;
            }
        }

        private static bool IsOneJsonObject(ReadOnlySpan<byte> json, int maxDepth)
        {
            try
            {
                var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                reader.Skip();
                return !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>An event that runs past the buffer: wait for more bytes, unless it is already too large to be one.</summary>
        private bool AwaitMore(ReadOnlySpan<byte> data, long start, long baseOffset)
        {
            if (data.Length - start >= owner._limits.MaxEventBytes)
            {
                throw TooLarge(baseOffset + start);
            }

            return false;
        }

        private CloudTrailFormatException TooLarge(long offset) =>
            new(
                FormatProblem.TooLarge,
                $"event {_index} is larger than {owner._limits.MaxEventBytes} bytes (limit Limits:MaxEventBytes).",
                report.Name,
                byteOffset: offset);

        private CloudTrailFormatException SyntaxError(JsonException ex, long offset, int depth)
        {
            // The reader's own count is behind after a fast run's jump: corrected by what it was told then.
            var readerLine = ex.LineNumber ?? 0;
            var readerColumn = ex.BytePositionInLine ?? 0;
            var line = readerLine + _lineShift + 1;
            var column = (readerLine == _shiftedLine ? readerColumn + _columnShift : readerColumn) + 1;
            // The reader may stop on the depth limit before its own depth counter moves: go by what it says too.
            if (ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase) || (depth >= owner._limits.MaxDepth - 1 && ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)))
            {
                return new CloudTrailFormatException(
                    FormatProblem.TooLarge,
                    $"JSON nested deeper than {owner._limits.MaxDepth} levels at line {line}, column {column} (limit Limits:MaxDepth).",
                    report.Name,
                    line,
                    column,
                    offset,
                    ex);
            }

            return NotValidJson(ex, report.Name, line, column, offset);
        }

        private static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.StartObject => "an object",
            _ => token.ToString(),
        };
    }

    /// <summary>A syntax error at a line and column (from 1) and byte offset of a part.</summary>
    internal static CloudTrailFormatException NotValidJson(JsonException ex, string part, long line, long column, long offset)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        // "'<bytes>' is an invalid JSON literal": the reader quotes everything it holds from the
        // token on (up to a whole buffer); a few characters say where, and do not vary with buffering.
        var quoteEnd = reason.StartsWith('\'') ? reason.LastIndexOf("' is ", StringComparison.Ordinal) : -1;
        if (quoteEnd > FaultExcerptChars + 1)
        {
            reason = string.Concat(reason.AsSpan(0, FaultExcerptChars + 1), "…", reason.AsSpan(quoteEnd));
        }

        return new CloudTrailFormatException(
            FormatProblem.Syntax,
            $"not valid JSON at line {line}, column {column} (near byte {offset}): {reason}",
            part,
            line,
            column,
            offset,
            ex);
    }

    /// <summary>
    /// The syntax fault of an event handed over unchecked (<see cref="EventOrigin"/>), as the reader
    /// reports it: read alone, the event's bytes fail where they fail in the whole part; or null when
    /// they are valid JSON (one value, nothing after it). <paramref name="context"/>, the bytes
    /// after the event, only lend the fault's excerpt what the reader would have quoted.
    /// </summary>
    internal static CloudTrailFormatException? SyntaxFault(ReadOnlySpan<byte> json, ReadOnlySpan<byte> context, EventOrigin origin, string part)
    {
        if (FirstFault(json, out var alone) is not { } fault)
        {
            return null;
        }

        var both = new byte[json.Length + context.Length];
        json.CopyTo(both);
        context.CopyTo(both.AsSpan(json.Length));
        var ex = FirstFault(both, out var consumed)!;
        if (ex.LineNumber != fault.LineNumber || ex.BytePositionInLine != fault.BytePositionInLine)
        {
            // Read on into what follows, the fault moved: the event's own is the one to report.
            (ex, consumed) = (fault, alone);
        }

        var line = origin.Line + (ex.LineNumber ?? 0);
        var column = (ex.LineNumber is null or 0 ? origin.Column : 0) + (ex.BytePositionInLine ?? 0);
        return NotValidJson(ex, part, line + 1, column + 1, origin.Offset + consumed);
    }

    // Its depth was bounded when its end was found: the limit here is never the one that stops it.
    private static JsonException? FirstFault(ReadOnlySpan<byte> json, out long consumed)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4096 });
        try
        {
            while (reader.Read())
            {
            }

            consumed = reader.BytesConsumed;
            return null;
        }
        catch (JsonException ex)
        {
            consumed = reader.BytesConsumed;
            return ex;
        }
    }

    /// <summary>A syntax error found while looking ahead, with the look-ahead's position.</summary>
    private sealed class ProbeFault(JsonException inner, long position, int depth) : Exception(inner.Message, inner)
    {
        public JsonException Inner => inner;

        public long Position => position;

        public int Depth => depth;
    }
}
