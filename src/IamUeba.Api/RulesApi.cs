using IamUeba.Core;
using IamUeba.Core.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IamUeba.Api;

/// <summary>GET /rules: the rule catalogue with the settings in force, so a user can see what will fire.</summary>
public static class RulesApi
{
    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/rules", Rules)
            .WithName("Rules")
            .WithSummary("The rules, their thresholds, windows and points as configured now, the action catalogues and the level bands")
            .Produces<RuleCatalogView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .AddEndpointFilter<Hosting.ApiKeyFilter>();
        return app;
    }

    public static Ok<RuleCatalogView> Rules(DetectionPipeline pipeline) => TypedResults.Ok(RuleCatalog.Describe(pipeline.Options));
}
