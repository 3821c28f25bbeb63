using System.Diagnostics;
using System.Globalization;

namespace IamUeba.Cli.Scan;

/// <summary>Files and bytes done and throughput on stderr, for long scans in a terminal; silent otherwise.</summary>
internal sealed class Progress : IDisposable
{
    private readonly TextWriter _errors;
    private readonly bool _enabled;
    private readonly long _totalBytes;
    private readonly int _totalFiles;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _doneBytes;
    private int _doneFiles;
    private long _lastDraw;

    public Progress(IReadOnlyList<string> files, TextWriter errors)
    {
        _errors = errors;
        _enabled = ReferenceEquals(errors, Console.Error) && !Console.IsErrorRedirected;
        _totalFiles = files.Count;
        _totalBytes = _enabled ? files.Sum(f => new FileInfo(f).Length) : 0;
    }

    public Stream Track(Stream stream) => _enabled ? new CountingReadStream(stream, this) : stream;

    public void FileDone(string file)
    {
        _doneFiles++;
        _ = file;
        Draw(force: _doneFiles == _totalFiles);
    }

    public void Clear()
    {
        if (_enabled)
        {
            _errors.Write("\r\u001b[K");
        }
    }

    public void Dispose() => Clear();

    private void Advance(int bytes)
    {
        _doneBytes += bytes;
        Draw(force: false);
    }

    private void Draw(bool force)
    {
        if (!_enabled || (!force && _clock.ElapsedMilliseconds - _lastDraw < 250))
        {
            return;
        }

        _lastDraw = _clock.ElapsedMilliseconds;
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        _errors.Write(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[Kfiles {_doneFiles}/{_totalFiles}  {_doneBytes / 1048576.0:0} of {_totalBytes / 1048576.0:0} MB on disk  {_doneBytes / 1048576.0 / seconds:0.0} MB/s"));
    }

    /// <summary>Counts bytes read from disk (compressed bytes for gzip files).</summary>
    private sealed class CountingReadStream(Stream inner, Progress progress) : IamUeba.Core.IO.ReadOnlyStream
    {
        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        private int Counted(int read)
        {
            progress.Advance(read);
            return read;
        }
    }
}
