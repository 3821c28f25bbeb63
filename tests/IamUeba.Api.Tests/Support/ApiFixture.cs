using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IamUeba.Api.Tests.Support;

/// <summary>The service in memory, shared by the API tests; settings can be overridden per factory.</summary>
public sealed class ApiFixture : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private bool _kestrel;

    public ApiFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    private ApiFixture(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    /// <summary>A separate service with these configuration values (IamUeba:... keys), for tests of settings and limits.</summary>
    public static ApiFixture With(params (string Key, string? Value)[] settings) =>
        new(settings.ToDictionary(s => s.Key, s => s.Value));

    /// <summary>
    /// Serves through Kestrel on a free loopback port, for tests of real connections (streaming,
    /// clients leaving, time budgets). Not <c>UseKestrel(0)</c>: its port setting races the app's own
    /// start and now and then throws "Addresses cannot be modified after the server has started"
    /// (dotnet/aspnetcore#67714); the port is given as the app's URL instead.
    /// </summary>
    public void UseLoopbackKestrel()
    {
        _kestrel = true;
        UseKestrel();
    }

    /// <summary>What the service logged.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // The factory's Kestrel registers its own buffer pool after the app's services; the app's is
        // put last again, so that tests over real sockets receive into the buffers the service runs with.
        builder.ConfigureServices(services =>
        {
            if (services.LastOrDefault(d => d.ServiceType == typeof(IMemoryPoolFactory<byte>) && d.ImplementationType?.Assembly == typeof(Program).Assembly) is { } ours)
            {
                services.Add(ours);
            }
        });
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        if (_kestrel)
        {
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
