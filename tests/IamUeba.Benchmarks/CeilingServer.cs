using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using IamUeba.Api.Hosting;
using IamUeba.Core.CloudTrail;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace IamUeba.Benchmarks;

/// <summary>
/// What this machine can do over HTTP at all, for the load script to set beside the service: a
/// Kestrel server that receives uploads as the service does (64 KiB socket buffers, the same
/// multipart reader and buffer, gzip parts inflated) and then either only drains them or runs the
/// limit's token pass over them on the request's thread, and nothing else. The first is what
/// receiving alone allows on the machine; the second, what the limit's one thread reaches when the
/// bytes come over loopback from a client on the same cores (docs/performance.md, step 8).
/// </summary>
public static class CeilingServer
{
    private const int MultipartBufferBytes = 64 * 1024;
    private const int TokenPassBufferBytes = 1024 * 1024;

    /// <summary>Serves POST /detect until stopped; <paramref name="work"/> is "drain" or "tokens".</summary>
    public static async Task<int> RunAsync(string work, string[] args)
    {
        if (work is not ("drain" or "tokens"))
        {
            Console.Error.WriteLine("ceiling drain|tokens [--urls URL]: what to do with the uploaded bytes");
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, SocketBufferPool.Factory>();
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok("ceiling " + work));
        app.MapPost("/detect", (HttpRequest request, CancellationToken cancellationToken) => ReceiveAsync(request, work == "tokens", cancellationToken));
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, bool tokens, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        var clock = Stopwatch.StartNew();
        long bytes = 0, tokenCount = 0;
        var parts = 0;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value ?? string.Empty;
            var reader = new MultipartReader(boundary, request.Body, MultipartBufferBytes) { BodyLengthLimit = null };
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                parts++;
                var (t, b) = await ReadPartAsync(section.Body, tokens, cancellationToken).ConfigureAwait(false);
                tokenCount += t;
                bytes += b;
            }
        }
        else
        {
            parts = 1;
            (tokenCount, bytes) = await ReadPartAsync(request.Body, tokens, cancellationToken).ConfigureAwait(false);
        }

        return Results.Json(new CeilingAnswer(parts, bytes, tokenCount, clock.Elapsed.TotalMilliseconds));
    }

    // Bytes are those of the JSON: a gzip part is inflated first, as the service does.
    private static async Task<(long Tokens, long Bytes)> ReadPartAsync(Stream part, bool tokens, CancellationToken cancellationToken)
    {
        var head = new byte[2];
        var got = 0;
        while (got < head.Length && await part.ReadAsync(head.AsMemory(got), cancellationToken).ConfigureAwait(false) is var n and > 0)
        {
            got += n;
        }

        Stream input = new PrefixedStream(head[..got], part);
        if (got == 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            input = new GZipStream(input, CompressionMode.Decompress);
        }

        return tokens
            ? await TokenPass.CountAsync(input, TokenPassBufferBytes, cancellationToken).ConfigureAwait(false)
            : (0, await DrainAsync(input, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<long> DrainAsync(Stream input, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MultipartBufferBytes);
        try
        {
            long bytes = 0;
            while (await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) is var n and > 0)
            {
                bytes += n;
            }

            return bytes;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
