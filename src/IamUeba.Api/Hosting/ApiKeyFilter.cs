using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace IamUeba.Api.Hosting;

/// <summary>
/// Requires an API key on the endpoints it guards when any key is configured: X-Api-Key or
/// Authorization: Bearer. Keys are compared as SHA-256 digests in constant time and never logged.
/// </summary>
public sealed class ApiKeyFilter : IEndpointFilter
{
    private const string HeaderName = "X-Api-Key";
    private const string HashPrefix = "sha256:";

    private readonly byte[][] _digests;

    public ApiKeyFilter(IOptions<SecurityOptions> options)
    {
        _digests = [.. options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(Digest)];
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_digests.Length == 0)
        {
            return await next(context).ConfigureAwait(false);
        }

        var presented = PresentedKey(context.HttpContext.Request);
        if (presented is not null && Matches(SHA256.HashData(Encoding.UTF8.GetBytes(presented))))
        {
            return await next(context).ConfigureAwait(false);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "API key required",
            detail: presented is null
                ? $"send an API key as '{HeaderName}: <key>' or 'Authorization: Bearer <key>'."
                : "the API key is not valid.");
    }

    /// <summary>Validates configured keys at start-up, naming the bad entry by position.</summary>
    public static IEnumerable<string> Problems(SecurityOptions options) =>
        options.ApiKeys
            .Select((key, i) => (key, i))
            .Where(k => k.key.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase) && !IsHexDigest(k.key[HashPrefix.Length..]))
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"Security:ApiKeys:{k.i}: a '{HashPrefix}' key needs 64 hex digits after the prefix."));

    private bool Matches(byte[] digest)
    {
        // Every configured key is compared, so the time taken does not tell which one nearly matched.
        var match = false;
        foreach (var known in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(known, digest);
        }

        return match;
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var key) && !string.IsNullOrEmpty(key))
        {
            return key.ToString();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    private static byte[] Digest(string configured) =>
        configured.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase)
            ? Convert.FromHexString(configured[HashPrefix.Length..])
            : SHA256.HashData(Encoding.UTF8.GetBytes(configured));

    private static bool IsHexDigest(string value) => value.Length == 64 && value.All(Uri.IsHexDigit);
}
