namespace IamUeba.Api.Hosting;

/// <summary>Swagger (OpenAPI) document at /swagger/v1/swagger.json and Swagger UI at /swagger.</summary>
public static class ApiDocumentation
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new() { Title = "IamUeba", Version = "v1", Description = "Scores AWS IAM principals from CloudTrail logs: rules R01-R19 (the prototype's nine and ten signatures) and a randomized-PCA anomaly model." });
            swagger.OperationFilter<UploadBodyFilter>();
        });
        return services;
    }

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI();
        return app;
    }
}
