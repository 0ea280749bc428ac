using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Orchestration;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.RealHost;
using Kimera.Pipeline;
using Kimera.Pipeline.Artifacts;
using Kimera.Storage.FileSystem;
using Kimera.Storage.Sqlite;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Bench;

/// <summary>
/// What the durable backend adds per chunk: the same orchestrator and activities on the in-memory durable test host
/// (Microsoft.DurableTask.InProcessTestHost) and on the real backend (the Durable Functions extension on the Azure Storage
/// provider over Azurite, host.json's settings, <see cref="WebJobsDurableHost"/>), with the same trivial chunks (one pair
/// of short sentences, embeddings from a warm SQLite cache, artifacts on the local file system, Kimera judge only), so
/// the activity work is the same and small. Per run: the processing stage's wall time (report.json timings), chunks per
/// second, the activities' own time (chunk summaries), and the overhead per chunk = wall time per chunk − activity time
/// per chunk ÷ window. Then a 5,000-pair run (chunks of 500) end to end on each tier.
/// </summary>
internal static class OrchestrationOverheadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var realChunks = BenchSupport.IntList(args, "--chunks", [100, 2000]);
        var memoryChunks = BenchSupport.IntList(args, "--memory-chunks", [100]);
        var repetitions = BenchSupport.IntArg(args, "--reps", 3);
        var window = BenchSupport.IntArg(args, "--window", 4);
        var pairs = BenchSupport.IntArg(args, "--pairs", 5000);
        var work = Path.Combine(Path.GetTempPath(), "kimera-orchbench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var datasets = Directory.CreateDirectory(Path.Combine(work, "datasets")).FullName;
        var runs = Path.Combine(work, "runs");
        using var embedder = new OnnxSentenceEmbedder(new EmbeddingOptions { IntraOpThreads = 1 });
        var cache = new SqliteEmbeddingCache(Path.Combine(work, "cache.db"));
        var azurite = new AzuriteFixture();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"window {window}; {repetitions} repetitions (medians); {Environment.ProcessorCount} cores; trivial chunks = 1 pair each"));

        foreach (var count in realChunks.Union(memoryChunks).Append(pairs).Distinct())
        {
            await File.WriteAllTextAsync(Path.Combine(datasets, Name(count)), TinyPairs(count), new UTF8Encoding(false));
        }

        // Warm the embedding cache once: every run below finds every text in it.
        var catalog = new JudgeCatalog(new KimeraEngineOptions());
        using var judges = catalog.Create([JudgeNames.Kimera]);
        await LocalRunEngine.Create(new EmbeddingLookup(embedder, cache), judges.Judges, catalog.EngineOptions, NullLoggerFactory.Instance)
            .RunAsync(Kimera.Datasets.DatasetSource.FromFile(Path.Combine(datasets, Name(pairs))), new FileSystemArtifactStore(Path.Combine(work, "warm")),
                Spec(500, window), $"embedding:{embedder.ModelId}");

        void Register(IServiceCollection services)
        {
            services.AddSingleton<ITextEmbedder>(embedder);
            services.AddSingleton(catalog.EngineOptions);
            services.AddSingleton<IRunStoreFactory>(new FileSystemRunStoreFactory(runs));
            services.AddSingleton<IDatasetSourceResolver>(new FolderDatasetSourceResolver(datasets));
            services.AddSingleton<IEmbeddingCache>(cache);
        }

        var results = new Dictionary<(string Tier, int Chunks), List<Measure>>();
        foreach (var tier in new[] { "in-memory", "real" })
        {
            var sizes = tier == "real" ? realChunks : memoryChunks;
            foreach (var count in sizes)
            {
                var reps = count >= 1000 ? 1 : repetitions;
                for (var r = 0; r < reps; r++)
                {
                    var measure = await RunOnceAsync(tier, azurite, Register, runs, Name(count), chunkSize: 1, window);
                    results.GetOrAdd((tier, count)).Add(measure);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{tier,-9} {count,5} chunks rep {r + 1}: process {measure.ProcessSeconds:F1} s, {count / measure.ProcessSeconds:F1} chunks/s, activity {measure.ActivityMs:F1} ms/chunk, overhead {measure.OverheadMs(count, window):F1} ms/chunk, end to end {measure.EndToEndSeconds:F1} s"));
                }
            }

            for (var r = 0; r < repetitions; r++)
            {
                var measure = await RunOnceAsync(tier, azurite, Register, runs, Name(pairs), chunkSize: 500, window);
                results.GetOrAdd((tier, -pairs)).Add(measure);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{tier,-9} {pairs} pairs in chunks of 500 rep {r + 1}: end to end {measure.EndToEndSeconds:F1} s, process {measure.ProcessSeconds:F1} s"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| tier | chunks | runs | chunks/s | activity ms/chunk | overhead ms/chunk | end to end s |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var ((tier, count), measures) in results.Where(r => r.Key.Chunks > 0).OrderBy(r => r.Key.Chunks).ThenBy(r => r.Key.Tier, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {tier} | {count} | {measures.Count} | {Stats.Median([.. measures.Select(m => count / m.ProcessSeconds)]):F1} | {Stats.Median([.. measures.Select(m => m.ActivityMs)]):F1} | {Stats.Median([.. measures.Select(m => m.OverheadMs(count, window))]):F1} | {Stats.Median([.. measures.Select(m => m.EndToEndSeconds)]):F1} |"));
        }

        foreach (var count in realChunks.Intersect(memoryChunks))
        {
            var ratio = Stats.Median([.. results[("real", count)].Select(m => m.OverheadMs(count, window))])
                / Stats.Median([.. results[("in-memory", count)].Select(m => m.OverheadMs(count, window))]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overhead per chunk at {count} chunks, real / in-memory: {ratio:F2}"));
        }

        var realE2E = Stats.Median([.. results[("real", -pairs)].Select(m => m.EndToEndSeconds)]);
        var memoryE2E = Stats.Median([.. results[("in-memory", -pairs)].Select(m => m.EndToEndSeconds)]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pairs} pairs in chunks of 500, end to end: real {realE2E:F1} s, in-memory {memoryE2E:F1} s, ratio {realE2E / memoryE2E:F2}"));
        if (realChunks.Contains(2000))
        {
            var overhead = Stats.Median([.. results[("real", 2000)].Select(m => m.OverheadMs(2000, window))]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target: real-tier overhead below 100 ms per chunk at 2,000 chunks: {overhead:F1} ms -> {(overhead < 100 ? "met" : "NOT met")}"));
        }

        return 0;
    }

    private static async Task<Measure> RunOnceAsync(
        string tier, AzuriteFixture azurite, Action<IServiceCollection> register, string runs, string dataset, int chunkSize, int window)
    {
        var id = "b" + Guid.NewGuid().ToString("N")[..12];
        var request = new RunRequest(dataset, Spec(chunkSize, window), null, new ActivityRetrySettings(3, TimeSpan.FromMilliseconds(200), 2, TimeSpan.FromSeconds(1)));
        await using var host = await StartAsync(tier, azurite, register);
        var client = host.Client;
        var stopwatch = Stopwatch.StartNew();
        await client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, request, new Microsoft.DurableTask.StartOrchestrationOptions(id));
        using var cap = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cap.Token);
        var endToEnd = stopwatch.Elapsed.TotalSeconds;
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{tier} run {id} ended {done.RuntimeStatus}: {done.SerializedOutput}");
        }

        var folder = Path.Combine(runs, id);
        var timings = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, RunArtifacts.Report)))!["timings"]!;
        var activityMs = Directory.EnumerateFiles(Path.Combine(folder, "results"), "*.json")
            .Where(f => !f.EndsWith(".llm-spend.json", StringComparison.Ordinal))
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!["elapsed_milliseconds"]!.GetValue<double>())
            .Average();
        Directory.Delete(folder, recursive: true);
        return new Measure(timings["process_seconds"]!.GetValue<double>(), activityMs, endToEnd);
    }

    private static async Task<Host> StartAsync(string tier, AzuriteFixture azurite, Action<IServiceCollection> register)
    {
        if (tier == "real")
        {
            var real = await WebJobsDurableHost.StartAsync(azurite.ConnectionString, "kb" + Guid.NewGuid().ToString("N")[..16], register);
            return new Host(real.Client, real);
        }

        var memory = await LoopbackPorts.StartOnFreePortAsync(port => DurableTaskTestHost.StartAsync(
            registry => registry.AddKimeraTasks(),
            new DurableTaskTestHostOptions
            {
                Port = port,
                ConfigureServices = services =>
                {
                    register(services);
                    services.AddKimeraOrchestration();
                },
            }));
        return new Host(memory.Client, memory);
    }

    private static RunSpec Spec(int chunkSize, int window) =>
        new() { ChunkSize = chunkSize, Parallelism = window, Judges = [JudgeNames.Kimera], BootstrapResamples = 200, Folds = 3 };

    private static string Name(int pairs) => string.Create(CultureInfo.InvariantCulture, $"tiny_{pairs}.csv");

    /// <summary>Labelled pairs over 30 short sentences and their negations: every third pair a contradiction.</summary>
    private static string TinyPairs(int count)
    {
        string[] subjects = ["The cat", "The train", "My sister", "The shop", "This road", "The river"];
        string[] predicates = ["is open", "is asleep", "is late", "is near the station", "is very old"];
        var sentences = subjects.SelectMany(s => predicates.Select(p => (Plain: $"{s} {p}.", Negated: $"{s} {p.Replace("is ", "is not ", StringComparison.Ordinal)}."))).ToArray();
        var csv = new StringBuilder("pair_id,text1,text2,label,lang,type\n");
        for (var i = 0; i < count; i++)
        {
            var first = sentences[i % sentences.Length];
            var contradiction = i % 3 == 0;
            var second = contradiction ? first.Negated : sentences[((i * 7) + 3) % sentences.Length].Plain;
            csv.Append(CultureInfo.InvariantCulture, $"p{i},{first.Plain},{second},{(contradiction ? "True" : "False")},en,other\n");
        }

        return csv.ToString();
    }

    private static List<Measure> GetOrAdd(this Dictionary<(string, int), List<Measure>> results, (string, int) key)
    {
        if (!results.TryGetValue(key, out var list))
        {
            results[key] = list = [];
        }

        return list;
    }


    private sealed record Measure(double ProcessSeconds, double ActivityMs, double EndToEndSeconds)
    {
        /// <summary>Wall time per chunk not explained by the activities' own time, with <paramref name="window"/> of them at once.</summary>
        public double OverheadMs(int chunks, int window) => (ProcessSeconds * 1000 / chunks) - (ActivityMs / window);
    }

    private sealed class Host(DurableTaskClient client, IAsyncDisposable owner) : IAsyncDisposable
    {
        public DurableTaskClient Client { get; } = client;

        public ValueTask DisposeAsync() => owner.DisposeAsync();
    }
}
