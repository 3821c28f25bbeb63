using IamUeba.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IamUeba.Api.Upload;

/// <summary>
/// Feeds an HTTP upload into an analysis, streaming: each multipart 'file' part, or the raw body,
/// goes straight to the CloudTrail reader. Nothing is buffered whole in memory or on disk.
/// </summary>
public static class UploadReader
{
    public const string FileField = "file";
    public const string RawBodyName = "request body";

    // The multipart reader hands out at most one buffer's worth per read: with its default 4 KiB a
    // 1 GB part took 280,000 reads through four layers of streams; 64 KiB matches the socket buffers.
    private const int MultipartBufferBytes = 64 * 1024;

    private static readonly string[] RawMediaTypes =
    [
        "application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-seq",
        "application/gzip", "application/x-gzip", "application/octet-stream",
    ];

    public static async Task ReadAsync(HttpRequest request, AnalysisSession session, UploadOptions limits, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Our own counter enforces the configured limit and names it in the answer.
            sizeFeature.MaxRequestBodySize = null;
        }

        var body = new CountingStream(request.Body, limits.MaxRequestBytes);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || mediaType.MediaType.Value is not { } type)
        {
            throw new UploadProblemException(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                "no Content-Type: send multipart/form-data with a 'file' part (curl -F file=@trail.json), or the file itself as application/json, application/x-ndjson or application/gzip.");
        }

        if (type.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            await ReadMultipartAsync(body, mediaType, session, limits, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!RawMediaTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw new UploadProblemException(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                $"Content-Type '{type}' is not accepted. Send multipart/form-data with a 'file' part, or the body as application/json, application/x-ndjson or application/gzip (curl sends application/x-www-form-urlencoded with --data-binary unless told otherwise: add -H 'Content-Type: application/json').");
        }

        await session.ReadAsync(body, RawBodyName, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ReadMultipartAsync(Stream body, MediaTypeHeaderValue mediaType, AnalysisSession session, UploadOptions limits, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new UploadProblemException(StatusCodes.Status400BadRequest, "Bad multipart upload", "multipart/form-data without a boundary parameter.");
        }

        var reader = new MultipartReader(boundary, body, MultipartBufferBytes);
        var parts = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw new UploadProblemException(StatusCodes.Status400BadRequest, "Bad multipart upload", $"part {parts + 1} has no 'Content-Disposition: form-data' header.");
                }

                var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (!field.Equals(FileField, StringComparison.Ordinal) && !field.Equals("files", StringComparison.Ordinal))
                {
                    throw new UploadProblemException(
                        StatusCodes.Status400BadRequest,
                        "Bad multipart upload",
                        $"unexpected form field '{field}': send each CloudTrail file as a part named '{FileField}' (curl -F {FileField}=@trail.json.gz).");
                }

                if (++parts > limits.MaxParts)
                {
                    throw new UploadProblemException(
                        StatusCodes.Status413PayloadTooLarge,
                        "Too many parts",
                        $"more than {limits.MaxParts} file parts in one request (limit IamUeba:Upload:MaxParts).");
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                var name = string.IsNullOrEmpty(fileName) ? $"{FileField} #{parts}" : Path.GetFileName(fileName);
                await session.ReadAsync(section.Body, name, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException ex) when (ex is not EndOfStreamException && !cancellationToken.IsCancellationRequested && ex.InnerException is not Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            throw new UploadProblemException(StatusCodes.Status400BadRequest, "Bad multipart upload", $"the multipart body is malformed after part {parts}: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            throw new UploadProblemException(StatusCodes.Status400BadRequest, "Bad multipart upload", $"the multipart body is malformed after part {parts}: {ex.Message}");
        }

        if (parts == 0)
        {
            throw new UploadProblemException(StatusCodes.Status400BadRequest, "Empty upload", $"the multipart request has no '{FileField}' part.");
        }
    }
}
