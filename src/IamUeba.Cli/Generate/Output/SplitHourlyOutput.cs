using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;

namespace IamUeba.Cli.Generate.Output;

/// <summary>
/// The S3 delivery layout: one {"Records":[...]} file per hour and region under
/// AWSLogs/&lt;account&gt;/CloudTrail/&lt;region&gt;/yyyy/MM/dd/, named by delivery time (a few minutes
/// after the hour) with a random suffix, plus digest files for the first hours under
/// CloudTrail-Digest/, whose hashes are those of the log files written.
/// </summary>
internal sealed class SplitHourlyOutput(string root, string account, int seed, bool gzip) : IEventOutput
{
    private const int DigestHours = 2;
    private const string DigestRegion = "us-east-1";

    private readonly EventSerializer _serializer = new();
    private (string Key, string Hash, long Oldest, long Newest)? _previousDigest;

    public OutputStats Stats { get; } = new();

    public async Task WriteHourAsync(int hour, IReadOnlyList<TrailEvent> events, CancellationToken cancellationToken)
    {
        var digestFiles = new List<(string Key, string Hash, long Oldest, long Newest)>();
        foreach (var group in events.GroupBy(e => e.Region, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var region = group.Key;
            var rng = Seeds.For(seed, Seeds.Stream.Output, hour, StableIndex(region));
            var hourEnd = group.Min(e => e.Time) / 3600 * 3600 + 3600;
            var delivered = DateTimeOffset.FromUnixTimeSeconds(hourEnd + rng.Next(60, 600)).UtcDateTime;
            var name = $"{account}_CloudTrail_{region}_{delivered:yyyyMMdd'T'HHmm}Z_{RandomText.Alphanumeric(rng, 16)}.json{(gzip ? ".gz" : string.Empty)}";
            var key = string.Create(CultureInfo.InvariantCulture, $"AWSLogs/{account}/CloudTrail/{region}/{delivered:yyyy}/{delivered:MM}/{delivered:dd}/{name}");
            var hash = await WriteFileAsync(key, group.ToList(), cancellationToken).ConfigureAwait(false);
            if (region == DigestRegion)
            {
                digestFiles.Add((key, hash, group.Min(e => e.Time), group.Max(e => e.Time)));
            }
        }

        if (hour < DigestHours)
        {
            await WriteDigestAsync(hour, events, digestFiles, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _serializer.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string> WriteFileAsync(string key, List<TrailEvent> events, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var fileStream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var file = new CountingStream(fileStream, leaveOpen: true, sha);
            var gz = gzip ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true) : null;
            var buffered = new BufferedStream((Stream?)gz ?? file, 1 << 18);
            var json = new CountingStream(buffered, leaveOpen: true);
            json.Write("{\"Records\":["u8);
            for (var i = 0; i < events.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (i > 0)
                {
                    json.Write(","u8);
                }

                var record = _serializer.Record(events[i]);
                Stats.RecordBytes += record.Length;
                json.Write(record);
            }

            json.Write("]}"u8);
            await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (gz is not null)
            {
                await gz.DisposeAsync().ConfigureAwait(false);
            }

            Stats.JsonBytes += json.Count;
            Stats.FileBytes += file.Count;
            Stats.Files++;
            Stats.Events += events.Count;
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>An integrity digest as CloudTrail writes one per hour and region (always gzip).</summary>
    private async Task WriteDigestAsync(int hour, IReadOnlyList<TrailEvent> events, List<(string Key, string Hash, long Oldest, long Newest)> files, CancellationToken cancellationToken)
    {
        var rng = Seeds.For(seed, Seeds.Stream.Output, hour, -1);
        var start = events.Count == 0 ? 0 : events.Min(e => e.Time) / 3600 * 3600;
        var end = DateTimeOffset.FromUnixTimeSeconds(start + 3600).UtcDateTime;
        var bucket = $"cloudtrail-logs-{account}";
        var key = string.Create(CultureInfo.InvariantCulture, $"AWSLogs/{account}/CloudTrail-Digest/{DigestRegion}/{end:yyyy}/{end:MM}/{end:dd}/{account}_CloudTrail-Digest_{DigestRegion}_management-events_{DigestRegion}_{end:yyyyMMdd'T'HHmmss}Z.json.gz");
        var signature = RandomText.HexString(rng, 512);
        var logFiles = string.Join(",", files.Select(f => $"{{\"s3Bucket\":\"{bucket}\",\"s3Object\":\"{f.Key}\",\"hashValue\":\"{f.Hash}\",\"hashAlgorithm\":\"SHA-256\",\"newestEventTime\":\"{TimeText.Iso(f.Newest)}\",\"oldestEventTime\":\"{TimeText.Iso(f.Oldest)}\"}}"));
        var previous = _previousDigest is { } p
            ? $"\"previousDigestS3Bucket\":\"{bucket}\",\"previousDigestS3Object\":\"{p.Key}\",\"previousDigestHashValue\":\"{p.Hash}\",\"previousDigestHashAlgorithm\":\"SHA-256\",\"previousDigestSignature\":\"{RandomText.HexString(rng, 512)}\","
            : "\"previousDigestS3Bucket\":null,\"previousDigestS3Object\":null,\"previousDigestHashValue\":null,\"previousDigestHashAlgorithm\":null,\"previousDigestSignature\":null,";
        var newest = files.Count == 0 ? start : files.Max(f => f.Newest);
        var oldest = files.Count == 0 ? start : files.Min(f => f.Oldest);
        var json = $"{{\"awsAccountId\":\"{account}\",\"digestStartTime\":\"{TimeText.Iso(start)}\",\"digestEndTime\":\"{TimeText.Iso(start + 3600)}\",\"digestS3Bucket\":\"{bucket}\",\"digestS3Object\":\"{key}\",\"digestPublicKeyFingerprint\":\"{RandomText.HexString(rng, 32)}\",\"digestSignatureAlgorithm\":\"SHA256withRSA\",\"newestEventTime\":\"{TimeText.Iso(newest)}\",\"oldestEventTime\":\"{TimeText.Iso(oldest)}\",{previous}\"logFiles\":[{logFiles}]}}";
        var path = Path.Combine(root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        await using (var fileStream = new FileStream(path, FileMode.Create, FileAccess.Write))
        await using (var gz = new GZipStream(fileStream, CompressionLevel.Optimal))
        {
            await gz.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        _previousDigest = (key, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false))), oldest, newest);
        Stats.Files++;
        Stats.FileBytes += new FileInfo(path).Length;
    }

    /// <summary>A region's index for seeding, stable across runs (string hash codes are not).</summary>
    private static long StableIndex(string region)
    {
        long h = 17;
        foreach (var c in region)
        {
            h = (h * 31) + c;
        }

        return h;
    }
}
