using System.Text.Json.Nodes;
using Kimera.Functions.Tests.Support;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.DurableTask.Client;

namespace Kimera.Functions.Tests;

/// <summary>The app's caches are the Table Storage ones on <c>AzureWebJobsStorage</c>: a run fills them, the next run of the same
/// dataset is served from them.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class SharedCacheTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Uri BaseUri = new("https://kimera.example/");

    [Fact]
    public async Task A_run_fills_the_embedding_and_judgement_tables_and_a_second_run_is_served_from_them()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        await using var app = await FunctionsHarness.StartAsync(
            fixture.Embedder,
            azurite,
            settings: new Dictionary<string, string?>
            {
                ["OPENAI_API_KEY"] = "sk-test",
                ["Kimera:Llm:Endpoint"] = server.BaseUrl.AbsoluteUri,
            });
        // One chunk at a time, so which chunk sees a text first (and misses) does not depend on scheduling.
        const string Body = "{\"dataset\": \"mixed_quick.csv\", \"maxParallelChunks\": 1, \"judges\": [\"kimera\", \"llm\"]}";

        var first = await RunAsync(app, Body);
        var embeddings = await app.CountEntitiesAsync(app.Names.EmbeddingsTable);
        var judgements = await app.CountEntitiesAsync(app.Names.JudgementsTable);
        var requestsAfterFirst = server.Requests.Count;
        var second = await RunAsync(app, Body);

        // python3 over mixed_quick.csv (csv.DictReader): 35 distinct texts among the 40 of text1/text2; chunks of 5 rows hold
        // 10 distinct texts each, 40 in all. So the first run computes 35 and finds 5 (texts met in an earlier chunk);
        // the second finds all 40 in the table. The 20 pairs are distinct: 20 LLM answers, each asked once, after the first
        // run's preflight request (the second run has every pair cached: it sends none).
        Assert.Equal((35, 20), (embeddings, judgements));
        Assert.Equal(1 + 20, requestsAfterFirst);
        Assert.Equal(1 + 20, server.Requests.Count);
        Assert.Equal(((5, 35), (0, 20)), (Tally(first.Caches, "embeddings"), Tally(first.Caches, "judgements")));
        Assert.Equal(((40, 0), (20, 0)), (Tally(second.Caches, "embeddings"), Tally(second.Caches, "judgements")));
        // Cached vectors and answers are the computed ones: the results do not change.
        Assert.Equal(first.Pairs, second.Pairs);
    }

    private static (long Hits, long Misses) Tally(JsonNode caches, string name) =>
        (caches[name]!["hits"]!.GetValue<long>(), caches[name]!["misses"]!.GetValue<long>());

    private static async Task<(JsonNode Caches, string Pairs)> RunAsync(FunctionsHarness app, string body)
    {
        var started = await app.Api.StartAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)), BaseUri, app.Client);
        var id = JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.WaitAsync(id)).RuntimeStatus);
        var report = JsonNode.Parse((await app.ReadArtifactAsync(id, RunArtifacts.Report))!)!;
        return (report["caches"]!, (await app.ReadArtifactAsync(id, RunArtifacts.Pairs))!);
    }
}
