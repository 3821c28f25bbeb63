namespace IamUeba.Api;

/// <summary>GET /health: open to all, for load balancers and CI scripts waiting for start-up.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new HealthStatus("ok")))
            .WithName("Health")
            .WithSummary("Liveness check");
        return app;
    }
}
