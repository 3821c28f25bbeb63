using System.Diagnostics;
using System.Reflection;

namespace IamUeba.Api.Hosting;

/// <summary>
/// Warns at start when the service runs a Debug build: `dotnet run` builds Debug unless given
/// `-c Release`, and the JIT does not optimize a Debug assembly, so uploads are read about three
/// times slower (a 1 GB upload: 73-81 MB/s against 255; docs/performance.md, step 5).
/// </summary>
public static partial class BuildCheck
{
    public static bool IsUnoptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is { IsJITOptimizerDisabled: true };

    public static void WarnIfUnoptimized(ILogger logger)
    {
        if (IsUnoptimized(typeof(IamUeba.Core.DetectionPipeline).Assembly))
        {
            LogDebugBuild(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This is a Debug build: uploads are read about three times slower than in Release. Run the service with 'dotnet run -c Release --project src/IamUeba.Api'.")]
    private static partial void LogDebugBuild(ILogger logger);
}
