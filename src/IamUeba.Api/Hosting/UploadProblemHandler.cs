using IamUeba.Api.Upload;
using IamUeba.Core.CloudTrail;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IamUeba.Api.Hosting;

/// <summary>
/// Maps what went wrong with an upload to an RFC 7807 answer that says what and where (part,
/// line, column, byte). Anything else is a server fault: logged with enough to reproduce it,
/// answered without internals.
/// </summary>
public sealed partial class UploadProblemHandler(IProblemDetailsService problems, ILogger<UploadProblemHandler> logger, IHostEnvironment environment) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            CloudTrailFormatException format => FromFormat(format),
            UploadProblemException upload => new ProblemDetails { Status = upload.Status, Title = upload.Title, Detail = upload.Message },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (exception is BadHttpRequestException rejected)
        {
            LogRejected(logger, httpContext.Request.Path, rejected.StatusCode, rejected.Message);
        }

        if (problem is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                // The client went away; there is no one to answer.
                LogAborted(logger, httpContext.Request.Path);
                return true;
            }

            LogFault(logger, exception, httpContext.Request.Method, httpContext.Request.Path, httpContext.Request.QueryString.Value, httpContext.Request.ContentType, httpContext.Request.ContentLength, httpContext.TraceIdentifier);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = environment.IsDevelopment() ? exception.ToString() : $"An unexpected error occurred; it was logged with trace id {httpContext.TraceIdentifier}.",
            };
        }

        problem.Extensions["trace_id"] = httpContext.TraceIdentifier;
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
    }

    private static ProblemDetails FromFormat(CloudTrailFormatException format)
    {
        var (status, title) = format.Problem switch
        {
            FormatProblem.Empty => (StatusCodes.Status400BadRequest, "Empty upload"),
            FormatProblem.TooLarge => (StatusCodes.Status413PayloadTooLarge, "Upload too large"),
            FormatProblem.UnknownShape => (StatusCodes.Status422UnprocessableEntity, "Not a CloudTrail shape"),
            FormatProblem.Compression => (StatusCodes.Status422UnprocessableEntity, "Corrupt gzip"),
            _ => (StatusCodes.Status422UnprocessableEntity, "Invalid JSON"),
        };
        var detail = format.Part is null ? format.Message : $"{format.Part}: {format.Message}";
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["part"] = format.Part;
        if (format.Line is not null)
        {
            problem.Extensions["line"] = format.Line;
            problem.Extensions["column"] = format.Column;
        }

        if (format.ByteOffset is not null)
        {
            problem.Extensions["byte_offset"] = format.ByteOffset;
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled fault on {Method} {Path}{Query} (Content-Type {ContentType}, Content-Length {ContentLength}, trace {TraceId})")]
    private static partial void LogFault(ILogger logger, Exception exception, string method, string path, string? query, string? contentType, long? contentLength, string traceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request to {Path} rejected by the server with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client disconnected during {Path}; analysis stopped")]
    private static partial void LogAborted(ILogger logger, string path);
}
