using Microsoft.Extensions.Options;

namespace IamUeba.Api.Hosting;

/// <summary>Registers API-key checking, validated at start-up.</summary>
public static class ApiKeys
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.SectionName)
            .Validate(o => !ApiKeyFilter.Problems(o).Any(), "Security:ApiKeys: a 'sha256:' key needs 64 hex digits after the prefix.")
            .ValidateOnStart();
        services.AddSingleton<ApiKeyFilter>();
        return services;
    }
}
