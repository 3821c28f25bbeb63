namespace IamUeba.Api.Upload;

/// <summary>
/// Counts the request body's bytes and stops at the limit with a 413. Kestrel has its own limit,
/// but the test server does not enforce it and it cannot name our setting.
/// </summary>
internal sealed class CountingStream(Stream inner, long limit) : IamUeba.Core.IO.ReadOnlyStream
{
    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    private int Count(int read)
    {
        BytesRead += read;
        if (BytesRead > limit)
        {
            throw new UploadProblemException(
                StatusCodes.Status413PayloadTooLarge,
                "Upload too large",
                $"the request body is larger than {limit} bytes (limit IamUeba:Upload:MaxRequestBytes).");
        }

        return read;
    }
}
