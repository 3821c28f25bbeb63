using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;

namespace IamUeba.Core;

/// <summary>
/// parse -> aggregate -> rules -> score -> merge. One pipeline per configuration; one
/// <see cref="AnalysisSession"/> per upload.
/// </summary>
public sealed class DetectionPipeline
{
    private readonly DetectionOptions _options;

    public DetectionPipeline(DetectionOptions options)
    {
        var errors = DetectionOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid IamUeba configuration: " + string.Join(" ", errors), nameof(options));
        }

        _options = options;
    }

    public DetectionOptions Options => _options;

    /// <summary>Starts an analysis; throws <see cref="ArgumentException"/> for a bad per-request setting.</summary>
    public AnalysisSession Begin(AnalysisRequest? request = null)
    {
        request ??= new AnalysisRequest();
        var zoneId = request.TimeZone ?? _options.TimeZone;
        var zone = TimeZoneResolver.Find(zoneId)
            ?? throw new ArgumentException($"'{zoneId}' is not an IANA time zone (for example UTC, Europe/Berlin, Asia/Seoul).", nameof(request));
        if (request.Top is < 1)
        {
            throw new ArgumentException("top must be 1 or more.", nameof(request));
        }

        return new AnalysisSession(_options, request, zoneId, new BusinessHours(zone, _options.BusinessHoursStart, _options.BusinessHoursEnd));
    }

    /// <summary>Reads every stream in turn and answers: the whole pipeline for callers that already hold their files.</summary>
    public async Task<Report.DetectionReport> AnalyzeAsync(IEnumerable<(string Name, Stream Content)> parts, AnalysisRequest? request, CancellationToken cancellationToken)
    {
        var session = Begin(request);
        try
        {
            foreach (var (name, content) in parts)
            {
                await session.ReadAsync(content, name, cancellationToken).ConfigureAwait(false);
            }

            return await session.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            // Nothing to do after CompleteAsync; after an error, the workers' threads go back.
            await session.AbandonAsync().ConfigureAwait(false);
        }
    }
}
