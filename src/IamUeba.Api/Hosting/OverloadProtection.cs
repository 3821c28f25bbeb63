using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace IamUeba.Api.Hosting;

/// <summary>
/// A bounded number of analyses at once with a short queue (503 with Retry-After past it), an
/// overall time budget per request, and a minimum upload rate so a stalled client is dropped.
/// </summary>
public static class OverloadProtection
{
    public const string AnalysisPolicy = "analysis";

    public static IServiceCollection AddOverloadProtection(this IServiceCollection services)
    {
        services.AddOptions<OverloadOptions>().BindConfiguration(OverloadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<OverloadOptions>>((limiter, overload) =>
        {
            var o = overload.Value;
            limiter.AddConcurrencyLimiter(AnalysisPolicy, c =>
            {
                c.PermitLimit = o.MaxConcurrentAnalyses;
                c.QueueLimit = o.QueueLimit;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = o.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await WriteProblemAsync(context.HttpContext, StatusCodes.Status503ServiceUnavailable, "Busy", $"{o.MaxConcurrentAnalyses} analyses are running and {o.QueueLimit} are waiting (limits IamUeba:Overload:MaxConcurrentAnalyses and QueueLimit); retry after {o.RetryAfterSeconds} s.").ConfigureAwait(false);
            };
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<OverloadOptions>>((timeouts, overload) =>
            timeouts.AddPolicy(AnalysisPolicy, new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(overload.Value.RequestTimeoutSeconds),
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context => WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Time budget exceeded", $"the request took longer than {overload.Value.RequestTimeoutSeconds} s (limit IamUeba:Overload:RequestTimeoutSeconds); split the upload or raise the limit."),
            }));
        services.AddRequestTimeouts();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<OverloadOptions>>((kestrel, overload) =>
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(overload.Value.MinUploadBytesPerSecond, TimeSpan.FromSeconds(overload.Value.MinUploadGraceSeconds)));
        return services;
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
