using IamUeba.Api.Upload;
using IamUeba.Core;
using Microsoft.Extensions.Options;

namespace IamUeba.Api.Hosting;

/// <summary>Registers the detection pipeline with its options bound once and validated at start-up.</summary>
public static class DetectionServices
{
    public static IServiceCollection AddDetection(this IServiceCollection services)
    {
        services.AddOptions<DetectionOptions>()
            .BindConfiguration(DetectionOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DetectionOptions>, DetectionOptionsCheck>();
        services.AddOptions<UploadOptions>()
            .BindConfiguration(UploadOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new DetectionPipeline(sp.GetRequiredService<IOptions<DetectionOptions>>().Value));
        return services;
    }

    /// <summary>Names each bad setting by its configuration path.</summary>
    private sealed class DetectionOptionsCheck : IValidateOptions<DetectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, DetectionOptions options)
        {
            var errors = DetectionOptionsValidator.Validate(options);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
