using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IamUeba.Api.Hosting;

/// <summary>
/// Describes POST /detect's body for Swagger UI. The handler streams the body itself (no form
/// binding, no Accepts metadata, which would make routing answer 415 before our clearer message),
/// so the description is written here: a multipart form with one or more 'file' parts, or the raw file.
/// </summary>
internal sealed class UploadBodyFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<DetectUploadMarker>().FirstOrDefault() is null)
        {
            return;
        }

        var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "file" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["file"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = binary,
                    Description = "CloudTrail files: {\"Records\":[...]}, an array, JSON Lines, lookup-events output, CloudWatch Logs or EventBridge envelopes; gzip or not. Repeat the field for several files.",
                },
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "One or more CloudTrail files as multipart 'file' parts, or one file as the raw body.",
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["multipart/form-data"] = new OpenApiMediaType { Schema = form },
                ["application/json"] = new OpenApiMediaType { Schema = binary },
                ["application/x-ndjson"] = new OpenApiMediaType { Schema = binary },
                ["application/gzip"] = new OpenApiMediaType { Schema = binary },
            },
        };
    }
}

/// <summary>Marks the endpoint whose body <see cref="UploadBodyFilter"/> describes.</summary>
internal sealed class DetectUploadMarker;
