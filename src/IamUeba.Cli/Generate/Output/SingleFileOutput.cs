using System.IO.Compression;

namespace IamUeba.Cli.Generate.Output;

/// <summary>
/// One file (or standard output): {"Records":[...]}, JSON Lines, or lookup-events output, gzip
/// optional. Events stream through; nothing but the current hour is held.
/// </summary>
internal sealed class SingleFileOutput : IEventOutput
{
    private readonly OutputFormat _format;
    private readonly CountingStream _file;
    private readonly GZipStream? _gzip;
    private readonly BufferedStream _buffer;
    private readonly CountingStream _json;
    private readonly EventSerializer _serializer = new();
    private bool _first = true;
    private bool _completed;

    public SingleFileOutput(Stream target, bool ownsTarget, OutputFormat format, bool gzip)
    {
        _format = format;
        _file = new CountingStream(target, leaveOpen: !ownsTarget);
        _gzip = gzip ? new GZipStream(_file, CompressionLevel.Fastest, leaveOpen: true) : null;
        _buffer = new BufferedStream((Stream?)_gzip ?? _file, 1 << 20);
        _json = new CountingStream(_buffer, leaveOpen: true);
        Stats.Files = 1;
        _json.Write(format switch
        {
            OutputFormat.Records => "{\"Records\":["u8,
            OutputFormat.Lookup => "{\"Events\":["u8,
            _ => [],
        });
    }

    public OutputStats Stats { get; } = new();

    public Task WriteHourAsync(int hour, IReadOnlyList<TrailEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_format == OutputFormat.Jsonl)
            {
                var record = _serializer.Record(e);
                Stats.RecordBytes += record.Length;
                _json.Write(record);
                _json.Write("\n"u8);
            }
            else
            {
                if (!_first)
                {
                    _json.Write(","u8);
                }

                var before = _json.Count;
                _json.Write(_format == OutputFormat.Lookup ? _serializer.Lookup(e) : _serializer.Record(e));
                Stats.RecordBytes += _json.Count - before;
            }

            _first = false;
            Stats.Events++;
        }

        return Task.CompletedTask;
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_format != OutputFormat.Jsonl)
        {
            _json.Write("]}"u8);
            _json.Write("\n"u8);
        }

        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _buffer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_gzip is not null)
        {
            await _gzip.DisposeAsync().ConfigureAwait(false);
        }

        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        Stats.JsonBytes = _json.Count;
        Stats.FileBytes = _file.Count;
    }

    public async ValueTask DisposeAsync()
    {
        _serializer.Dispose();
        await _json.DisposeAsync().ConfigureAwait(false);
        await _buffer.DisposeAsync().ConfigureAwait(false);
        if (_gzip is not null)
        {
            await _gzip.DisposeAsync().ConfigureAwait(false);
        }

        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
