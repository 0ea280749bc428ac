using System.Collections.Concurrent;
using Kimera.Functions.Tests.Support;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Judges;
using Kimera.Orchestration.Tests.Support;
using Kimera.TestSupport.Azurite;
using Kimera.Pipeline;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Functions.Tests;

[Collection(DurableCollection.Name)]
public sealed class LlmShareTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Each_chunk_judges_with_its_share_of_the_provider_limits()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        RecordingLlmJudgeFactory? recorder = null;
        await using var app = await FunctionsHarness.StartAsync(
            fixture.Embedder,
            azurite,
            settings: new Dictionary<string, string?>
            {
                ["OPENAI_API_KEY"] = "sk-test",
                ["Kimera:Llm:Endpoint"] = server.BaseUrl.AbsoluteUri,
                ["Kimera:Llm:RequestsPerMinute"] = "600",
                ["Kimera:Llm:TokensPerMinute"] = "90000",
                ["Kimera:Run:MaxParallelChunks"] = "3",
            },
            configure: services => services.AddSingleton<ILlmJudgeFactory>(provider =>
                recorder = new RecordingLlmJudgeFactory(ActivatorUtilities.CreateInstance<LlmJudgeFactory>(provider))));

        // Without "judges" in the body the defaults apply: kimera, plus llm because a key is configured.
        var started = await app.Api.StartAsync(new MemoryStream("{\"dataset\": \"mixed_quick.csv\"}"u8.ToArray()), new Uri("https://kimera.example/"), app.Client);
        var id = System.Text.Json.Nodes.JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();
        var done = await app.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        // 4 chunks, 3 in flight: 600 / 3 = 200 requests and 90 000 / 3 = 30 000 tokens a minute each, 4 judges built.
        Assert.Equal(Enumerable.Repeat(new LlmRateLimits(200, 30_000), 4), recorder!.Shares);
        var result = done.ReadOutputAs<RunResult>()!;
        Assert.Equal(["kimera", "llm"], result.Judges.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, result.Judges["llm"].Errors);
        // One request per pair: the 20 pairs of mixed_quick.csv are distinct.
        Assert.Equal(20, server.Requests.Count);
        var header = (await app.ReadArtifactAsync(id, RunArtifacts.Pairs))!.Split('\n')[0];
        Assert.Contains("llm_pred", header, StringComparison.Ordinal);
    }

    private sealed class RecordingLlmJudgeFactory(ILlmJudgeFactory inner) : ILlmJudgeFactory
    {
        private readonly ConcurrentQueue<LlmRateLimits> _shares = new();

        public IReadOnlyList<LlmRateLimits> Shares => _shares.ToArray();

        public string ResultSalt => inner.ResultSalt;

        public LlmJudge Create(LlmRateLimits share)
        {
            _shares.Enqueue(share);
            return inner.Create(share);
        }
    }
}
