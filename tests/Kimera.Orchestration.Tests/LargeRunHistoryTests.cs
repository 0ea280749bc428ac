using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kimera.Engine.Embeddings;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Tests.Support;
using Kimera.Pipeline.Artifacts;
using Kimera.Storage.FileSystem;
using Kimera.Storage.Sqlite;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kimera.Orchestration.Tests;

/// <summary>A run of thousands of tiny chunks on the real backend (the Durable extension on the Azure Storage provider over
/// Azurite): it completes, and no instance's history holds more rows than the stated bound, because the chunks run in
/// sub-orchestrations of at most <see cref="RunRequest.DefaultFanOut"/> tasks each.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Slow")]
[Trait("Category", "Azurite")]
public sealed class LargeRunHistoryTests(EmbedderFixture fixture, AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const int Pairs = 4_000;
    private const int ChunkSize = 2;
    private const int Window = 16;
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_run_of_2000_chunks_completes_with_every_instance_history_within_the_bound()
    {
        var datasets = Directory.CreateDirectory(_temp.File("datasets")).FullName;
        await File.WriteAllTextAsync(Path.Combine(datasets, "tiny_pairs.csv"), TinyPairs(Pairs), new UTF8Encoding(false));
        var request = DurableHarness.Request("tiny_pairs.csv", chunkSize: ChunkSize, maxParallelChunks: Window);
        // The reference in chunks of 500: pairs.csv and the statistics do not depend on the chunk size.
        var local = _temp.File("local");
        await LocalReference.RunAsync(fixture.Embedder, Path.Combine(datasets, "tiny_pairs.csv"), request with { Spec = request.Spec with { ChunkSize = 500 } }, local);
        // The task hub is on Azurite; the run's artifacts and the embedding cache are local (file system, SQLite), so that the
        // emulator serves the orchestration's queues and tables only: its 2,000 chunks would otherwise add some 20,000 blob
        // and table requests, which the single-threaded emulator serves one at a time.
        var runs = _temp.File("runs");
        var cache = new SqliteEmbeddingCache(_temp.File("cache.db"));
        var fourInstances = new JsonObject { ["maxConcurrentActivityFunctions"] = Window };
        await using var harness = await DurableHarness.StartAsync(
            DurableBackend.AzureStorage, azurite, fixture.Embedder, new FileSystemRunStoreFactory(runs), new FolderDatasetSourceResolver(datasets),
            services => services.AddSingleton<IEmbeddingCache>(cache), fourInstances);

        var done = await harness.RunToCompletionAsync(request, "large", TimeSpan.FromMinutes(15));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(runs, "large", RunArtifacts.Report)))!;
        output.WriteLine($"2,000 chunks on the real backend: {report["timings"]!.ToJsonString()}");
        var result = done.ReadOutputAs<RunResult>()!;
        Assert.Equal((Pairs, Pairs / ChunkSize), (result.Pairs, result.Chunks));
        Assert.Equal(new RunStatus(RunStages.Completed, 2_000, 2_000, Pairs, Pairs), done.ReadCustomStatusAs<RunStatus>());
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(local, RunArtifacts.Pairs)),
            await File.ReadAllBytesAsync(Path.Combine(runs, "large", RunArtifacts.Pairs)));
        Assert.Equal(
            JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(local, RunArtifacts.Report)))!["statistics"]!.ToJsonString(),
            report["statistics"]!.ToJsonString());

        // By hand: 2,000 chunks, at most 100 tasks per instance -> the root and 20 sub-orchestrations of 100 chunks each.
        var history = await TaskHubEvidence.HistoryByInstanceAsync(azurite, harness.HubName!);
        Assert.Equal(
            Enumerable.Range(0, 20).Select(g => string.Create(CultureInfo.InvariantCulture, $"large:chunks-{g * 100:D5}-{(g * 100) + 99:D5}")).Prepend("large"),
            history.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2_000, history.Values.Sum(rows => rows.Count(r => r.EventType == "TaskScheduled" && r.Name == OrchestrationNames.ProcessChunk)));
        // 413 rows (4 x 102 + 5), the bound stated in docs/architecture.md; one history for the whole run would hold about 8,000.
        Assert.Equal(413, HistoryBounds.RowsPerInstance(RunRequest.DefaultFanOut));
        Assert.All(history, instance => Assert.InRange(instance.Value.Count, 1, 413));
        output.WriteLine($"history rows per instance: at most {history.Values.Max(rows => rows.Count)}, root {history["large"].Count}");
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>A labelled pairs dataset of <paramref name="count"/> rows over 60 short sentences (so the embeddings are few and
    /// cached): every third pair a sentence and its negation (a contradiction), the others two different sentences.</summary>
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
            csv.Append(CultureInfo.InvariantCulture, $"p{i},{first.Plain},{second},{(contradiction ? "True" : "False")},en,{(contradiction ? "negation" : "other")}\n");
        }

        return csv.ToString();
    }
}
