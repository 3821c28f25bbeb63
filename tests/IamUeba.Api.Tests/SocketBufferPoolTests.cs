using IamUeba.Api.Hosting;

namespace IamUeba.Api.Tests;

/// <summary>The connection buffers Kestrel receives into: 64 KiB each, returned once.</summary>
public sealed class SocketBufferPoolTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(2048)]
    [InlineData(4096)]
    [InlineData(SocketBufferPool.BlockSize)]
    public void Every_block_is_64_KiB_whatever_is_asked_up_to_that(int size)
    {
        using var pool = new SocketBufferPool();

        using var block = pool.Rent(size);

        block.Memory.Length.Should().Be(SocketBufferPool.BlockSize);
        pool.MaxBufferSize.Should().Be(SocketBufferPool.BlockSize);
    }

    [Fact]
    public void More_than_a_block_is_refused_so_the_pipe_rents_elsewhere()
    {
        using var pool = new SocketBufferPool();

        var rent = () => pool.Rent(SocketBufferPool.BlockSize + 1);

        rent.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_block_disposed_twice_goes_back_once_and_is_unusable_after()
    {
        using var pool = new SocketBufferPool();
        var block = pool.Rent();

        block.Dispose();
        var twice = () => block.Dispose();

        twice.Should().NotThrow();
        block.Invoking(b => b.Memory).Should().Throw<ObjectDisposedException>();
        using var first = pool.Rent();
        using var second = pool.Rent();
        first.Memory.Equals(second.Memory).Should().BeFalse("a block returned twice would be handed to two connections at once");
    }
}
