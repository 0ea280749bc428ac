using Kimera.Functions.Http;
using Kimera.Functions.Tests.Support;
using Kimera.Judging;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Kimera.TestSupport.FakeOpenAi;
using Kimera.TestSupport.Judging;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Functions.Tests;

[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class LlmShareTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Each_chunk_judges_with_its_share_of_the_provider_limits()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        RecordingLlmJudgeSource? recorder = null;
        await using var app = await StartWithLlmAsync(
            server,
            new()
            {
                ["Kimera:Llm:RequestsPerMinute"] = "600",
                ["Kimera:Llm:TokensPerMinute"] = "90000",
                ["Kimera:Llm:BudgetUsd"] = "2",
            },
            services => services.AddSingleton<ILlmJudgeSource>(provider =>
                recorder = new RecordingLlmJudgeSource(ActivatorUtilities.CreateInstance<LlmJudgeSource>(provider))));

        var (id, done) = await RunMixedQuickAsync(app);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        // 4 chunks, 3 in flight: 600 / 3 = 200 requests and 90 000 / 3 = 30 000 tokens a minute each, 4 judges built.
        Assert.Equal(Enumerable.Repeat((200, 30_000), 4), recorder!.Shares);
        // 20 pairs in chunks of 5: each chunk may spend a quarter of the budget, so together at most all of it.
        Assert.Equal(Enumerable.Repeat(0.25m, 4), recorder.Fractions);
        var result = done.ReadOutputAs<RunResult>()!;
        Assert.Equal(["kimera", "llm"], result.Judges.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, result.Judges["llm"].Errors);
        // The preflight request, then one per pair: the 20 pairs of mixed_quick.csv are distinct.
        Assert.Equal(1 + 20, server.Requests.Count);
        var header = (await app.ReadArtifactAsync(id, RunArtifacts.Pairs))!.Split('\n')[0];
        Assert.Contains("llm_pred", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunks_together_never_spend_more_than_the_run_budget()
    {
        // $100 per million tokens and at most 50 output tokens: a request costs about $0.013 and reserves about $0.015
        // (worst case) before it is sent; the 20 pairs of mixed_quick.csv would cost about $0.26. With $0.12 for the run,
        // each of the 4 chunks may spend $0.03: two or so requests each, the rest budget-skipped. Were every chunk given
        // the whole $0.12, each would judge all 5 of its pairs and the run would spend about twice its budget.
        const decimal budget = 0.12m;
        await using var server = await FakeOpenAiServer.StartAsync();
        await using var app = await StartWithLlmAsync(
            server,
            new()
            {
                ["Kimera:Llm:PriceInputPerMillion"] = "100",
                ["Kimera:Llm:PriceOutputPerMillion"] = "100",
                ["Kimera:Llm:MaxOutputTokens"] = "50",
                ["Kimera:Llm:BudgetUsd"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            // The estimate before the fan-out would refuse this run (worst case about $0.30 > $0.12); the per-chunk parts are
            // the guard behind it, for when the estimate passes and the spend still runs high. Registered first, no checks win.
            services => services.AddSingleton<IPlanCheck>(new NoPlanCheck()));

        var (id, done) = await RunMixedQuickAsync(app);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var llm = System.Text.Json.Nodes.JsonNode.Parse((await app.ReadArtifactAsync(id, RunArtifacts.Report))!)!["judges"]!["llm"]!;
        var judged = llm["judged"]!.GetValue<long>();
        var errors = llm["errors"]!.GetValue<long>();
        var cost = llm["cost_usd"]!.GetValue<double>();

        // Nothing lost: every pair is judged or marked; some were skipped for the budget; the spend stayed within it.
        Assert.Equal(20, judged + errors);
        Assert.InRange(errors, 1, 19);
        Assert.Equal(judged, server.Requests.Count);
        Assert.True(cost <= (double)budget, $"the run spent ${cost}, over its ${budget} budget");
        Assert.Equal(errors, CountOf(await app.ReadArtifactAsync(id, RunArtifacts.Pairs), "budget exhausted"));
    }

    [Fact]
    public async Task A_run_posted_against_a_dead_llm_endpoint_is_accepted_then_fails_in_its_plan_with_the_preflight_message()
    {
        // Nothing listens there: the Plan activity's preflight request is refused at once.
        var dead = FakeOpenAiServer.ClosedPortUrl();
        await using var app = await FunctionsHarness.StartAsync(
            fixture.Embedder,
            azurite,
            settings: new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test", ["Kimera:Llm:Endpoint"] = dead.AbsoluteUri });

        var started = await app.Api.StartAsync(new MemoryStream("{\"dataset\": \"mixed_quick.csv\"}"u8.ToArray()), new Uri("https://kimera.example/"), app.Client);
        Assert.Equal(202, started.StatusCode);
        var id = System.Text.Json.Nodes.JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();
        var done = await app.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var status = System.Text.Json.Nodes.JsonNode.Parse((await RunsApi.GetStatusAsync(id, new Uri("https://kimera.example/"), app.Client)).Body)!;
        Assert.Equal("Failed", status["runtimeStatus"]!.GetValue<string>());
        var message = status["error"]!["message"]!.GetValue<string>();
        Assert.StartsWith(
            $"Task 'PlanRun' (#0) failed with an unhandled exception: the LLM endpoint {dead} (model gpt-4o-mini) did not answer a test request: connection refused",
            message,
            StringComparison.Ordinal);
        Assert.EndsWith(
            ". Nothing was judged. Check Kimera:Llm:Endpoint, Kimera:Llm:Model and OPENAI_API_KEY (or Kimera:Llm:ApiKey), or leave the LLM out (judges: [\"kimera\"]).",
            message,
            StringComparison.Ordinal);
        Assert.Null(await app.ReadArtifactAsync(id, RunArtifacts.ChunkResults(0)));
    }

    /// <summary>The app with an LLM on <paramref name="server"/>, 3 chunks in flight, and <paramref name="settings"/> on top.</summary>
    private Task<FunctionsHarness> StartWithLlmAsync(FakeOpenAiServer server, Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        settings["OPENAI_API_KEY"] = "sk-test";
        settings["Kimera:Llm:Endpoint"] = server.BaseUrl.AbsoluteUri;
        settings["Kimera:Run:Parallelism"] = "3";
        return FunctionsHarness.StartAsync(fixture.Embedder, azurite, settings: settings, configure: configure);
    }

    /// <summary>Starts a run on mixed_quick.csv (20 pairs, 4 chunks) through the API and waits for it.</summary>
    /// <remarks>Without "judges" in the body the defaults apply: kimera, plus llm because a key is configured.</remarks>
    private static async Task<(string Id, OrchestrationMetadata Done)> RunMixedQuickAsync(FunctionsHarness app)
    {
        var started = await app.Api.StartAsync(new MemoryStream("{\"dataset\": \"mixed_quick.csv\"}"u8.ToArray()), new Uri("https://kimera.example/"), app.Client);
        var id = System.Text.Json.Nodes.JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();
        return (id, await app.WaitAsync(id));
    }

    private static int CountOf(string? text, string value)
    {
        Assert.NotNull(text);
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class NoPlanCheck : IPlanCheck
    {
        public Task CheckAsync(RunPlan plan, IArtifactStore store, IReadOnlyList<IPairJudge> judges, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
