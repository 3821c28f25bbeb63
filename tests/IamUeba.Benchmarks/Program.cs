using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using BenchmarkDotNet.Running;
using IamUeba.Benchmarks;
using IamUeba.Core;
using IamUeba.Core.CloudTrail;
using IamUeba.Core.Features;

// dotnet run -c Release --project tests/IamUeba.Benchmarks -- [OPTIONS] [COMMAND | BENCHMARKDOTNET ARGS]
//   options: --data FILE, --principals N, --events N, --corpus DIR, --iterations N (the data sets and the job)
//   (no command)           the benchmarks; every one unless a --filter says otherwise
//   limit FILE...          the token pass over files on disk (gzip is inflated first), one thread: the load script's limit
//   profile SECONDS [SET]  reader + aggregation over a data set in a loop, for a profiler; then allocation and live state
//                          (IAMUEBA_PROFILE_SINK=null: the reader alone; =aggregation: aggregation alone over events parsed
//                          beforehand; IAMUEBA_PROFILE_THREADS=N: the session's reader on N threads;
//                          IAMUEBA_PROFILE_ALLOCATIONS=1: what the loop allocates, by type, sampled;
//                          IAMUEBA_PROFILE_EVIDENCE=N: the analysis's evidence budget, 500,000 events by default, here and in state)
//   state FILE             the service's reader (all cores) streams FILE once (any size); then the live state it keeps
//   ends FILE              where each event of a JSON Lines FILE ends, one thread, found the two ways the batched reader
//                          has used: the checking scanner (JsonScanner.Skip) and the bracket pass (ObjectEnd); MB/s of each
//   ceiling drain|tokens [--urls URL]
//                          a server that receives POST /detect as the service does and only drains the bytes, or runs the
//                          token pass over them on the request's thread: what loopback HTTP allows here (scripts/load.sh)
var culture = CultureInfo.InvariantCulture;
if (args is ["limit", .. var files])
{
    return await LimitAsync(files);
}

if (args is ["state", var stateFile])
{
    return await StateAsync(stateFile);
}

if (args is ["ends", var endsFile])
{
    return await EndsAsync(endsFile);
}

if (args is ["ceiling", var work, .. var serverArgs])
{
    return await CeilingServer.RunAsync(work, serverArgs);
}

var options = new DataOptions(null, 125, 50_000, FindCorpus());
var iterations = 5;
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data":
            options = options with { DataFile = args[++i] };
            break;
        case "--principals":
            options = options with { Principals = int.Parse(args[++i], culture) };
            break;
        case "--events":
            options = options with { Events = long.Parse(args[++i], culture) };
            break;
        case "--corpus":
            options = options with { CorpusDirectory = args[++i] };
            break;
        case "--iterations":
            iterations = int.Parse(args[++i], culture);
            break;
        default:
            rest.Add(args[i]);
            break;
    }
}

await BenchData.PrepareAsync(options, Console.Out);
if (rest is ["profile", var seconds, .. var which])
{
    return await ProfileAsync(double.Parse(seconds, culture), which is [var name, ..] ? name : BenchData.GeneratedJsonl);
}

// Without a filter BenchmarkDotNet would ask which to run; this is meant to run unattended.
if (!rest.Contains("--filter") && !rest.Contains("-f"))
{
    rest.AddRange(["--filter", "*"]);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchData).Assembly).Run([.. rest], BenchConfig.Create(iterations));
return 0;

// The repository's sibling shared/corpus, as the tests find it.
static string? FindCorpus()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "IamUeba.sln")))
        {
            return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
        }
    }

    return null;
}

static async Task<int> LimitAsync(IReadOnlyList<string> files)
{
    foreach (var path in files)
    {
        var runs = new List<double>();
        long bytes = 0;
        // One pass first, not counted: it brings the file into the page cache and the JIT to its optimised code.
        for (var run = -1; run < 3; run++)
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var magic = new byte[2];
            var gzip = await file.ReadAsync(magic) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            file.Position = 0;
            Stream input = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            var clock = Stopwatch.StartNew();
            (_, bytes) = await TokenPass.CountAsync(input, 1024 * 1024, CancellationToken.None);
            if (run >= 0)
            {
                runs.Add(clock.Elapsed.TotalSeconds);
            }

            await input.DisposeAsync();
        }

        runs.Sort();
        var median = runs[1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"limit file={path} json_bytes={bytes} seconds={median:F3} mb_per_s={bytes / median / 1e6:F1} runs={string.Join('/', runs.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)))}"));
    }

    return 0;
}

// The batched reader's own work per event, the two ways: a checking walk of every token, or only brackets and strings.
static async Task<int> EndsAsync(string path)
{
    var json = await File.ReadAllBytesAsync(path);
    var starts = new List<int>();
    for (var at = 0; at < json.Length;)
    {
        starts.Add(at);
        var newline = json.AsSpan(at).IndexOf((byte)'\n');
        at = newline < 0 ? json.Length : at + newline + 1;
    }

    long Scanner()
    {
        long sum = 0;
        foreach (var start in starts)
        {
            var scanner = new JsonScanner(json, start);
            sum += scanner.Skip(63) ? scanner.Position : -1;
        }

        return sum;
    }

    long Brackets()
    {
        long sum = 0;
        foreach (var start in starts)
        {
            sum += ObjectEnd.Find(json, start, 63);
        }

        return sum;
    }

    for (var round = 0; round < 3; round++)
    {
        foreach (var (name, pass) in new (string, Func<long>)[] { ("JsonScanner.Skip", Scanner), ("ObjectEnd.Find", Brackets) })
        {
            var clock = Stopwatch.StartNew();
            var sum = pass();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {starts.Count:N0} events, {json.Length / clock.Elapsed.TotalSeconds / 1e6:F0} MB/s, {clock.Elapsed.TotalMilliseconds * 1e6 / starts.Count:F0} ns per event (check {sum})"));
        }
    }

    return 0;
}

// Reader + aggregation in a loop, for perf, dotnet-trace or dotnet-counters to watch; then what one
// pass allocates and what its aggregation state keeps alive (the part of peak memory that grows with the upload).
static async Task<int> ProfileAsync(double seconds, string name)
{
    var set = BenchData.Sets[name];
    var json = await File.ReadAllBytesAsync(set.Files[0]);
    var options = ProfileOptions();
    using var allocations = Environment.GetEnvironmentVariable("IAMUEBA_PROFILE_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
    if (Environment.GetEnvironmentVariable("IAMUEBA_PROFILE_SINK") == "aggregation")
    {
        Console.WriteLine($"profile {name}, aggregation alone: {await AggregationLoopAsync(json, options, seconds)}");
        Console.Write(allocations?.Report());
        return 0;
    }

    var baseline = GC.GetTotalMemory(forceFullCollection: true);
    Console.WriteLine($"profile {name}: {await LoopAsync(json, set.Records, options, seconds)}");
    Console.Write(allocations?.Report());
    Console.WriteLine($"token pass (the limit) over the same bytes in this process: {TokenPassRate(json, Math.Min(seconds, 5))}");

    var kept = await PassAsync(json, options);
    var live = GC.GetTotalMemory(forceFullCollection: true) - baseline;
    var (events, details) = Kept(kept);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"state after one pass: {live / 1e6:F1} MB live ({live / (double)set.Records:F0} B per record) for {kept.Principals.Count} principals, " +
        $"{events} events on timelines, {details} kept in detail as evidence ({100.0 * details / Math.Max(1, events):F0}%)"));
    await HoldForGcDumpAsync();
    GC.KeepAlive(kept);
    return 0;
}

static (long Events, long Details) Kept(FeatureAggregator aggregator) =>
    (aggregator.Principals.Values.Sum(p => (long)p.Count), aggregator.Principals.Values.Sum(p => (long)p.KeptDetails));

// Time for dotnet-gcdump to take the heap apart by type, when IAMUEBA_PROFILE_HOLD_SECONDS asks for it.
static async Task HoldForGcDumpAsync()
{
    if (Environment.GetEnvironmentVariable("IAMUEBA_PROFILE_HOLD_SECONDS") is { } hold)
    {
        Console.WriteLine($"holding the state for {hold} s (pid {Environment.ProcessId})");
        await Task.Delay(TimeSpan.FromSeconds(double.Parse(hold, CultureInfo.InvariantCulture)));
    }
}

// What the aggregation keeps alive after streaming a file of any size (the profile mode holds its data
// in one array, so it stops at 2 GB): the part of peak memory that grows with the upload.
static async Task<int> StateAsync(string path)
{
    var baseline = GC.GetTotalMemory(forceFullCollection: true);
    var clock = Stopwatch.StartNew();
    var options = ProfileOptions();
    var session = new DetectionPipeline(options).Begin();
    await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
    {
        await session.ReadAsync(file, Path.GetFileName(path), CancellationToken.None);
    }

    await session.FinishReadingAsync();
    var seconds = clock.Elapsed.TotalSeconds;
    var kept = session.Aggregator;
    var live = GC.GetTotalMemory(forceFullCollection: true) - baseline;
    var (events, details) = Kept(kept);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"state {path}: {new FileInfo(path).Length / seconds / 1e6:F1} MB/s; {live / 1e6:F1} MB live ({live / (double)Math.Max(1, events):F0} B per event) for {kept.Principals.Count} principals, " +
        $"{events} events on timelines, {details} kept in detail as evidence; process peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB"));
    Console.WriteLine(StateParts(kept));
    await HoldForGcDumpAsync();
    var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
    clock.Restart();
    var report = session.Complete();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"then rules, ML and the answer: {clock.Elapsed.TotalSeconds:F2} s, {report.Results.Count} results; live after {(GC.GetTotalMemory(forceFullCollection: true) - baseline) / 1e6:F1} MB; process peak {peakBefore / 1048576} -> {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB"));
    GC.KeepAlive(session);
    return 0;
}

// The defaults, but for the evidence budget (IAMUEBA_PROFILE_EVIDENCE) and the session's reading
// threads (IAMUEBA_PROFILE_THREADS; the service's default is one per core) when they are set.
static DetectionOptions ProfileOptions()
{
    var options = new DetectionOptions();
    if (Environment.GetEnvironmentVariable("IAMUEBA_PROFILE_EVIDENCE") is { } evidence)
    {
        options.Limits.MaxEvidenceEvents = int.Parse(evidence, CultureInfo.InvariantCulture);
    }

    if (Environment.GetEnvironmentVariable("IAMUEBA_PROFILE_THREADS") is { } threads)
    {
        options.ReadThreads = int.Parse(threads, CultureInfo.InvariantCulture);
    }

    return options;
}

// Bytes held by the structures that grow with events, as the aggregates count them.
static string StateParts(FeatureAggregator aggregator)
{
    var fingerprints = aggregator.FingerprintBytes;
    var bytes = aggregator.Principals.Values.Sum(p => p.StreamingBytes) + fingerprints;
    var events = aggregator.Principals.Values.Sum(p => (long)p.Count);
    return string.Create(CultureInfo.InvariantCulture,
        $"held by timelines, fingerprints and time slices: {bytes / 1e6:F1} MB; by the fingerprints alone {fingerprints / 1e6:F1} MB ({fingerprints / (double)Math.Max(1, events):F1} B an event)");
}

// In its own frame, so that no aggregator of the loop is still reachable when the state is measured.
[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static async Task<string> LoopAsync(byte[] json, long records, DetectionOptions options, double seconds)
{
    var clock = Stopwatch.StartNew();
    var passes = 0;
    var pauseBefore = GC.GetTotalPauseDuration();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var gen0Before = GC.CollectionCount(0);
    var gen1Before = GC.CollectionCount(1);
    var gen2Before = GC.CollectionCount(2);
    while (clock.Elapsed.TotalSeconds < seconds || passes == 0)
    {
        await PassAsync(json, options);
        passes++;
    }

    var elapsed = clock.Elapsed;
    return string.Create(CultureInfo.InvariantCulture,
        $"{passes} passes over {json.Length:N0} bytes in {elapsed.TotalSeconds:F1} s: {passes * (double)json.Length / elapsed.TotalSeconds / 1e6:F1} MB/s; " +
        $"{(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)passes / records:F0} B allocated per record, " +
        $"GCs gen0/1/2 {GC.CollectionCount(0) - gen0Before}/{GC.CollectionCount(1) - gen1Before}/{GC.CollectionCount(2) - gen2Before}, " +
        $"GC pauses {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F0} ms ({100 * (GC.GetTotalPauseDuration() - pauseBefore) / elapsed:F1}% of the time)");
}

// Aggregation alone over events parsed once beforehand (no reader, so less noise from it): the
// per-event cost of observing and applying, which grows with the principals' state, not the bytes.
static async Task<string> AggregationLoopAsync(byte[] json, DetectionOptions options, double seconds)
{
    var capture = new CapturingSink();
    var reader = new CloudTrailReader(capture, new StringPool(options.Limits.MaxStringLength), new SkipLog(), options.Limits.ToReaderLimits());
    await reader.ReadAsync(new MemoryStream(json), "profile", CancellationToken.None);
    var events = capture.Events;
    var clock = Stopwatch.StartNew();
    var passes = 0;
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var pauseBefore = GC.GetTotalPauseDuration();
    while (clock.Elapsed.TotalSeconds < seconds || passes == 0)
    {
        var aggregator = NewAggregator(new StringPool(options.Limits.MaxStringLength), options);
        foreach (var e in events)
        {
            aggregator.Add(e);
        }

        passes++;
    }

    var elapsed = clock.Elapsed;
    var count = (double)passes * events.Count;
    return string.Create(CultureInfo.InvariantCulture,
        $"{passes} passes over {events.Count:N0} events in {elapsed.TotalSeconds:F1} s: {elapsed.TotalNanoseconds / count:F0} ns per event; " +
        $"{(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / count:F0} B allocated per event, GC pauses {100 * (GC.GetTotalPauseDuration() - pauseBefore) / elapsed:F1}% of the time");
}

static FeatureAggregator NewAggregator(StringPool pool, DetectionOptions options) =>
    new(pool, options, new BusinessHours(TimeZoneInfo.Utc, options.BusinessHoursStart, options.BusinessHoursEnd));

// The limit, measured beside the loop above so that their ratio holds on a noisy machine.
static string TokenPassRate(byte[] json, double seconds)
{
    var clock = Stopwatch.StartNew();
    var passes = 0;
    while (clock.Elapsed.TotalSeconds < seconds || passes == 0)
    {
        TokenPass.Count(json);
        passes++;
    }

    return string.Create(CultureInfo.InvariantCulture, $"{passes * (double)json.Length / clock.Elapsed.TotalSeconds / 1e6:F1} MB/s");
}

static async Task<FeatureAggregator> PassAsync(byte[] json, DetectionOptions options)
{
    if (Environment.GetEnvironmentVariable("IAMUEBA_PROFILE_THREADS") is not null)
    {
        // The session's reader: batches parsed on options.ReadThreads threads (see ProfileOptions).
        var session = new DetectionPipeline(options).Begin();
        await session.ReadAsync(new MemoryStream(json), "profile", CancellationToken.None);
        await session.FinishReadingAsync();
        return session.Aggregator;
    }

    var pool = new StringPool(options.Limits.MaxStringLength);
    var aggregator = NewAggregator(pool, options);

    // The reader alone, its events dropped: what parsing costs beyond the token pass.
    IEventSink sink = Environment.GetEnvironmentVariable("IAMUEBA_PROFILE_SINK") == "null" ? NullSink.Instance : aggregator;
    var reader = new CloudTrailReader(sink, pool, new SkipLog(), options.Limits.ToReaderLimits());
    await reader.ReadAsync(new MemoryStream(json), "profile", CancellationToken.None);
    return aggregator;
}
