using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using IamUeba.Core.CloudTrail;

namespace IamUeba.Benchmarks;

/// <summary>
/// What interning costs per pass: every string value the parser hands to <see cref="StringPool"/>
/// for the generated data, in file order, through the pool as it is and through a copy of its
/// lookup that skips zeroing its 512-byte stackalloc (an experiment for the optimisation work).
/// </summary>
public class InterningBenchmarks
{
    private byte[][] _values = [];

    [GlobalSetup]
    public void Setup()
    {
        var capture = new CapturingSink();
        var reader = new CloudTrailReader(capture, new StringPool(), new SkipLog(), new ReaderLimits());
        reader.ReadAsync(new MemoryStream(BenchData.Load(BenchData.Sets.ContainsKey(BenchData.GeneratedRecords) ? BenchData.GeneratedRecords : BenchData.GeneratedJsonl, gzip: false).Single().Bytes), "interning", CancellationToken.None).GetAwaiter().GetResult();
        _values = capture.Events
            .SelectMany(e => new[]
            {
                e.EventName, e.EventSource, e.AwsRegion, e.SourceIpAddress, e.UserAgent, e.ErrorCode, e.RecipientAccountId,
                e.ConsoleLoginResult, e.TargetUserName, e.PolicyArn, e.Identity.Type, e.Identity.Arn, e.Identity.PrincipalId, e.Identity.AccountId,
                e.Identity.UserName, e.Identity.InvokedBy, e.Identity.SessionIssuerArn,
            })
            .Where(v => v is not null)
            .Select(v => Encoding.UTF8.GetBytes(v!))
            .ToArray();
        Console.WriteLine($"// {_values.Length:N0} values, {_values.Length / (double)capture.Events.Count:F1} per event, {_values.Average(v => v.Length):F0} bytes on average");
    }

    [Benchmark(Baseline = true, Description = "StringPool.Get, as it is")]
    public int Pool()
    {
        var pool = new StringPool();
        var length = 0;
        foreach (var value in _values)
        {
            length += pool.Get(value).Length;
        }

        return length;
    }

    [Benchmark(Description = "same lookup, stackalloc not zeroed")]
    public int PoolSkipLocalsInit()
    {
        var pool = new StringPool();
        var length = 0;
        foreach (var value in _values)
        {
            length += Uninitialised.Get(pool, value).Length;
        }

        return length;
    }

    [Benchmark(Description = "UTF-8 to UTF-16 only")]
    public int TranscodeOnly()
    {
        Span<char> chars = stackalloc char[1024];
        var length = 0;
        foreach (var value in _values)
        {
            length += Encoding.UTF8.GetChars(value, chars);
        }

        return length;
    }

    /// <summary>StringPool.Get(ReadOnlySpan&lt;byte&gt;) as written today, compiled without zeroing its locals.</summary>
    private static class Uninitialised
    {
        [SkipLocalsInit]
        public static string Get(StringPool pool, ReadOnlySpan<byte> utf8)
        {
            if (utf8.IsEmpty)
            {
                return string.Empty;
            }

            char[]? rented = null;
            Span<char> chars = utf8.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
            try
            {
                var count = Math.Min(Encoding.UTF8.GetChars(utf8, chars), pool.MaxLength);
                return pool.Get(chars[..count]);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented);
                }
            }
        }
    }
}
