using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace IamUeba.Api.Hosting;

/// <summary>
/// Kestrel's connection buffers in 64 KiB blocks instead of its default 4 KiB. The socket transport
/// receives into one block at a time, so a 1 GB upload took about 570,000 receive calls (and as many
/// wake-ups of the request's reader), about 40% of the request thread's time; with 64 KiB blocks it
/// takes about 36,000 (docs/performance.md, step 5).
/// </summary>
/// <remarks>
/// Blocks come from <see cref="ArrayPool{T}.Shared"/>, which keeps a few per core and lets the rest go
/// when memory is short, the eviction Kestrel's own pool does on a timer. A connection holds a block
/// only while it has unread bytes (Kestrel waits for data before it asks for one), and at most
/// MaxRequestBufferSize (1 MB by default) of them, as with the default pool.
/// </remarks>
public sealed class SocketBufferPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        return new Block(ArrayPool<byte>.Shared.Rent(BlockSize));
    }

    protected override void Dispose(bool disposing)
    {
        // Nothing is held: every block goes back to the shared pool when its owner is disposed.
    }

    /// <summary>Registered in place of Kestrel's factory; every connection's pipes rent from it.</summary>
    public sealed class Factory : IMemoryPoolFactory<byte>
    {
        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new SocketBufferPool();
    }

    private sealed class Block(byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(SocketBufferPool));

        public void Dispose()
        {
            // A pipe disposes a segment once; a second call must not return the array twice.
            if (Interlocked.Exchange(ref _array, null) is { } returned)
            {
                ArrayPool<byte>.Shared.Return(returned);
            }
        }
    }
}
