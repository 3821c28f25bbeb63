using IamUeba.Api;
using IamUeba.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Detection settings: bound from "IamUeba", validated at start-up (a bad value stops the service here).
builder.Services.AddDetection();

// A bounded number of analyses at once, a time budget per request, stalled uploads dropped; API keys when configured.
builder.Services.AddOverloadProtection();
builder.Services.AddApiKeys();

// Every error is application/problem+json; our format errors carry part, line and byte.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<UploadProblemHandler>();

// Answers in snake_case, as the prototype's users script against.
builder.Services.ConfigureHttpJsonOptions(json => IamUeba.Core.Report.ReportJson.Configure(json.SerializerOptions));

// Kestrel receives into 64 KiB buffers instead of 4 KiB ones: 16 times fewer receive calls on a large upload.
builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, SocketBufferPool.Factory>();

// Swagger UI at /swagger, with the multipart upload described so a person can try it.
builder.Services.AddApiDocumentation();

var app = builder.Build();
BuildCheck.WarnIfUnoptimized(app.Logger);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();
app.UseRequestTimeouts();
app.UseApiDocumentation();

app.MapHealthApi();
app.MapDetectApi();
app.MapRulesApi();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
