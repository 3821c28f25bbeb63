using IamUeba.Api.Upload;
using IamUeba.Core;
using IamUeba.Core.Report;
using IamUeba.Core.Risk;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IamUeba.Api;

/// <summary>The detection endpoints: a routing table of named handlers.</summary>
public static partial class DetectApi
{
    public static IEndpointRouteBuilder MapDetectApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/detect", Detect)
            .WithName("Detect")
            .WithSummary("Score the IAM principals in uploaded CloudTrail logs")
            .WithDescription("Send one or more CloudTrail files as multipart 'file' parts (JSON, JSON Lines, lookup-events output, gzip), or one file as the raw body. Answers each principal's risk score, level, rule hits with evidence and ML verdict.")
            .WithMetadata(new Hosting.DetectUploadMarker())
            .Produces<DetectionReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddEndpointFilter<Hosting.ApiKeyFilter>()
            .RequireRateLimiting(Hosting.OverloadProtection.AnalysisPolicy)
            .WithRequestTimeout(Hosting.OverloadProtection.AnalysisPolicy)
            .DisableAntiforgery();
        return app;
    }

    /// <summary>POST /detect: stream the upload through the pipeline.</summary>
    public static async Task<Results<Ok<DetectionReport>, ProblemHttpResult>> Detect(
        HttpRequest request,
        DetectionPipeline pipeline,
        IOptions<UploadOptions> uploadOptions,
        ILoggerFactory loggers,
        string? timezone,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "min_level")] string? minLevel,
        int? top,
        CancellationToken cancellationToken)
    {
        RiskLevel? level = null;
        if (minLevel is not null)
        {
            if (!Enum.TryParse<RiskLevel>(minLevel, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: $"min_level '{minLevel}' is not one of LOW, MEDIUM, HIGH, CRITICAL.");
            }

            level = parsed;
        }

        AnalysisSession session;
        try
        {
            session = pipeline.Begin(new AnalysisRequest { TimeZone = timezone, MinLevel = level, Top = top });
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: ex.Message.Split(" (Parameter", 2)[0]);
        }

        try
        {
            await UploadReader.ReadAsync(request, session, uploadOptions.Value, cancellationToken);
            return TypedResults.Ok(await session.CompleteAsync());
        }
        catch (Exception ex) when (ClientLeft(ex, cancellationToken))
        {
            // The client went away (or the time budget ran out): the read loop stopped with it.
            LogStopped(loggers.CreateLogger(typeof(DetectApi).FullName!), session.Parts.Sum(p => p.Bytes), session.Parts.Count);
            throw;
        }
        finally
        {
            // A request refused between parts (a bad part header, too many parts) gives the workers' threads back.
            await session.AbandonAsync();
        }
    }

    // Kestrel reports a client that closes the connection mid-body by cancelling the request or, when
    // the close arrives first, as an unexpected end of the body (a 400 that nobody will read).
    private static bool ClientLeft(Exception ex, CancellationToken cancellationToken) =>
        (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException)
        || ex is BadHttpRequestException { Message: "Unexpected end of request content." };

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis stopped during /detect after {Bytes} bytes in {Parts} finished parts: the client disconnected or the time budget ran out")]
    private static partial void LogStopped(ILogger logger, long bytes, int parts);
}
