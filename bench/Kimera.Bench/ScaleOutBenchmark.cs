using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Kimera.Judging;
using Kimera.Orchestration;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.RealHost;
using Kimera.Pipeline;
using Kimera.Pipeline.Artifacts;
using Kimera.Storage.AzureBlobs;
using Kimera.TestSupport.Azurite;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Kimera.Bench;

/// <summary>
/// Issue 27: one run on 1, 2 and 4 hosts (child processes of the real durable host, <see cref="ChildHostGroup"/>, on one task
/// hub over Azurite), each host with the same activity concurrency, on latency-bound chunks: the LLM judge alone (Kimera judge
/// off) against the fake OpenAI server answering in 300 ms, one request at a time per chunk, no judgement cache (every round
/// asks again), embeddings from a cache warmed by a Kimera-only run on the same hosts first (which also lets the hosts share
/// out the task hub's partitions before the measured run). Per run: pairs per second over the processing stage (report.json
/// <c>timings.process_seconds</c>), the chunks' own time (their summaries) and the overhead per chunk. The host counts are
/// rotated round by round, and the ratios are medians against one host measured in the same invocation.
/// </summary>
internal static class ScaleOutBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var hostCounts = BenchSupport.IntList(args, "--hosts", [1, 2, 4]);
        var rounds = BenchSupport.IntArg(args, "--reps", 3);
        var chunks = BenchSupport.IntArg(args, "--chunks", 32);
        var chunkSize = BenchSupport.IntArg(args, "--chunk-size", 10);
        var activities = BenchSupport.IntArg(args, "--activities", 2);
        var latency = TimeSpan.FromMilliseconds(BenchSupport.IntArg(args, "--latency-ms", 300));
        // Twice the largest group's slots, so a free slot always finds a queued chunk.
        var window = 2 * activities * hostCounts.Max();
        var pairs = chunks * chunkSize;

        var azurite = new AzuriteFixture();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var datasets = blobs.GetBlobContainerClient(AzuriteFixture.UniqueName("datasets"));
        await datasets.CreateAsync();
        const string dataset = "scale_out.csv";
        await datasets.GetBlobClient(dataset).UploadAsync(BinaryData.FromString(DistinctPairs(pairs)));
        var runs = AzuriteFixture.UniqueName("runs");
        var embeddings = AzuriteFixture.UniqueName("embeddings");
        var judgements = AzuriteFixture.UniqueName("judgements");
        await new TableServiceClient(azurite.ConnectionString).CreateTableIfNotExistsAsync(embeddings);
        var store = new BlobRunStoreFactory(blobs, runs);
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Latency = latency });
        var work = Directory.CreateTempSubdirectory("kimera-scaleout-").FullName;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pairs} pairs in {chunks} chunks of {chunkSize}; LLM judge only, {latency.TotalMilliseconds:F0} ms per answer, 1 request at a time per chunk; {activities} chunks at once per host; window {window}; {rounds} rounds; {Environment.ProcessorCount} cores; load {BenchSupport.LoadAverage()}"));

        var results = hostCounts.ToDictionary(n => n, _ => new List<Measure>());
        for (var round = 0; round < rounds; round++)
        {
            // Rotated so that no host count always runs first (a cold emulator) or last.
            foreach (var count in hostCounts.Skip(round % hostCounts.Length).Concat(hostCounts.Take(round % hostCounts.Length)))
            {
                var settings = new ChildHostSettings(
                    azurite.ConnectionString, "kb" + Guid.NewGuid().ToString("N")[..16], datasets.Name, runs, embeddings, judgements,
                    Path.Combine(work, "markers"), Path.Combine(work, "ready"), HoldSummaries: [], LlmEndpoint: server.BaseUrl, LlmBudgetUsd: null)
                {
                    MaxConcurrentActivities = activities,
                    LlmMaxConcurrency = 1,
                    CacheJudgements = false,
                };
                await using var hosts = await ChildHostGroup.StartAsync(settings, count, TimeSpan.FromMinutes(5));
                await RunAsync(hosts, store, Request(dataset, chunkSize, window, [JudgeNames.Kimera]));
                var before = server.Requests.Count;
                var measure = await RunAsync(hosts, store, Request(dataset, chunkSize, window, [JudgeNames.Llm]));
                // One request per pair and the preflight; more when a chunk ran again (a retried or redelivered activity asks
                // again, since this benchmark keeps no judgement cache): counted, not hidden.
                var extra = server.Requests.Count - before - (pairs + 1);
                results[count].Add(measure);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round + 1}, {count} host(s): {pairs / measure.ProcessSeconds:F2} pairs/s (processing {measure.ProcessSeconds:F1} s, end to end {measure.EndToEndSeconds:F1} s), chunk {measure.ChunkMs:F0} ms, overhead {measure.OverheadMs(chunks, Math.Min(window, count * activities)):F0} ms/chunk, {extra} requests beyond one per pair; load {BenchSupport.LoadAverage()}"));
            }
        }

        var baseline = Stats.Median([.. results[hostCounts.Min()].Select(m => pairs / m.ProcessSeconds)]);
        Console.WriteLine();
        Console.WriteLine("| hosts | runs | pairs/s (median) | vs 1 host | chunk ms | overhead ms/chunk | processing s | end to end s |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (count, measures) in results.OrderBy(r => r.Key))
        {
            var rate = Stats.Median([.. measures.Select(m => pairs / m.ProcessSeconds)]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count} | {measures.Count} | {rate:F2} | {rate / baseline:F2}x | {Stats.Median([.. measures.Select(m => m.ChunkMs)]):F0} | {Stats.Median([.. measures.Select(m => m.OverheadMs(chunks, Math.Min(window, count * activities)))]):F0} | {Stats.Median([.. measures.Select(m => m.ProcessSeconds)]):F1} | {Stats.Median([.. measures.Select(m => m.EndToEndSeconds)]):F1} |"));
        }

        foreach (var (count, target) in new[] { (2, 1.7), (4, 3.0) }.Where(t => results.ContainsKey(t.Item1) && hostCounts.Min() == 1))
        {
            var ratio = Stats.Median([.. results[count].Select(m => pairs / m.ProcessSeconds)]) / baseline;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target: {count} hosts >= {target:F1}x one host: {ratio:F2}x -> {(ratio >= target ? "met" : "NOT met")}"));
        }

        Directory.Delete(work, recursive: true);
        return 0;
    }

    private static RunRequest Request(string dataset, int chunkSize, int window, IReadOnlyList<string> judges) =>
        new(dataset,
            new RunSpec { ChunkSize = chunkSize, Parallelism = window, Judges = judges, BootstrapResamples = 200, Folds = 3 },
            // Limits far above what the latency allows: every chunk's share lets its one request at a time go at once.
            new LlmRateLimits(600_000, 900_000_000),
            new ActivityRetrySettings(3, TimeSpan.FromMilliseconds(200), 2, TimeSpan.FromSeconds(1)));

    private static async Task<Measure> RunAsync(ChildHostGroup hosts, BlobRunStoreFactory store, RunRequest request)
    {
        var id = "s" + Guid.NewGuid().ToString("N")[..12];
        var stopwatch = Stopwatch.StartNew();
        await hosts.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, request, new StartOrchestrationOptions(id));
        using var cap = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var done = await hosts.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cap.Token);
        var endToEnd = stopwatch.Elapsed.TotalSeconds;
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"Run {id} ended {done.RuntimeStatus}: {done.SerializedOutput}\n{hosts.Output}");
        }

        var run = store.ForRun(id);
        var report = JsonNode.Parse((await ReadAsync(run, RunArtifacts.Report))!)!;
        var plan = JsonNode.Parse((await ReadAsync(run, RunArtifacts.Plan))!)!;
        var chunkCount = plan["chunk_count"]?.GetValue<int>() ?? throw new InvalidOperationException("plan.json has no chunk_count.");
        var chunkMs = 0.0;
        for (var i = 0; i < chunkCount; i++)
        {
            chunkMs += JsonNode.Parse((await ReadAsync(run, RunArtifacts.ChunkSummary(i)))!)!["elapsed_milliseconds"]!.GetValue<double>();
        }

        return new Measure(report["timings"]!["process_seconds"]!.GetValue<double>(), chunkMs / chunkCount, endToEnd);
    }

    private static async Task<string?> ReadAsync(IArtifactStore store, string name)
    {
        await using var stream = await store.OpenReadAsync(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Labelled pairs whose texts are all distinct (a number in each), every third a contradiction, so no LLM answer
    /// or embedding is shared between pairs.</summary>
    private static string DistinctPairs(int count)
    {
        string[] subjects = ["The cat", "The train", "My sister", "The shop", "This road", "The river"];
        string[] predicates = ["is open", "is asleep", "is late", "is near the station", "is very old"];
        var csv = new StringBuilder("pair_id,text1,text2,label,lang,type\n");
        for (var i = 0; i < count; i++)
        {
            var subject = subjects[i % subjects.Length];
            var predicate = predicates[(i / subjects.Length) % predicates.Length];
            var contradiction = i % 3 == 0;
            var second = contradiction ? predicate.Replace("is ", "is not ", StringComparison.Ordinal) : predicates[(i + 2) % predicates.Length];
            csv.Append(CultureInfo.InvariantCulture, $"p{i},{subject} {predicate} on day {i}.,{subject} {second} on day {i}.,{(contradiction ? "True" : "False")},en,other\n");
        }

        return csv.ToString();
    }


    /// <param name="ProcessSeconds">The processing stage's wall time (report.json).</param>
    /// <param name="ChunkMs">A chunk's own time, mean over the run's chunk summaries.</param>
    private sealed record Measure(double ProcessSeconds, double ChunkMs, double EndToEndSeconds)
    {
        /// <summary>Wall time per chunk not explained by the chunks' own time, with <paramref name="slots"/> of them at once.</summary>
        public double OverheadMs(int chunks, int slots) => (ProcessSeconds * 1000 * slots / chunks) - ChunkMs;
    }
}
