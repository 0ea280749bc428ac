using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kimera.Functions.Http;
using Kimera.Functions.Tests.Support;
using Kimera.Judging;
using Kimera.Llm;
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

/// <summary>A run's own LLM budget (<c>budgetUsd</c> of <c>POST /api/runs</c>) on Azurite with the fake LLM server: it replaces
/// the app's <c>Kimera:Llm:BudgetUsd</c> for the run, reaches every chunk as the app setting does, shows in <c>GET /api/runs</c>,
/// and may not exceed the app setting, which is the deployment's cap. <c>GET /api/console/capabilities</c> says so to the console.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class RunBudgetTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Uri BaseUri = new("https://kimera.example/");

    [Fact]
    public async Task A_run_with_its_own_budget_under_the_cap_spends_within_it_and_the_list_shows_it()
    {
        // As in LlmShareTests: $100 per million tokens, at most 50 output tokens, about $0.013 a request. The app's $2 would let
        // every chunk judge all its pairs; the run's own $0.12 gives each of the 4 chunks $0.03, two or so requests each.
        const decimal budget = 0.12m;
        await using var server = await FakeOpenAiServer.StartAsync();
        RecordingLlmJudgeSource? recorder = null;
        await using var app = await StartWithLlmAsync(server, services =>
        {
            // The estimate before the fan-out would refuse this run; the per-chunk parts are what is tested here.
            services.AddSingleton<IPlanCheck>(new NoPlanCheck());
            services.AddSingleton<ILlmJudgeSource>(provider => recorder = new RecordingLlmJudgeSource(ActivatorUtilities.CreateInstance<LlmJudgeSource>(provider)));
        });

        var started = await app.Api.StartAsync(Body("""{"dataset": "mixed_quick.csv", "budgetUsd": 0.12}"""), BaseUri, app.Client);

        Assert.Equal(202, started.StatusCode);
        var id = JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.WaitAsync(id)).RuntimeStatus);
        // 20 pairs in 4 chunks of 5: each chunk takes a quarter of the run's own budget, not of the app's.
        Assert.Equal(Enumerable.Repeat<decimal?>(budget, 4), recorder!.RunBudgets);
        Assert.Equal(Enumerable.Repeat(0.25m, 4), recorder.Fractions);
        var llm = JsonNode.Parse((await app.ReadArtifactAsync(id, RunArtifacts.Report))!)!["judges"]!["llm"]!;
        var (judged, errors, cost) = (llm["judged"]!.GetValue<long>(), llm["errors"]!.GetValue<long>(), llm["cost_usd"]!.GetValue<double>());
        Assert.Equal(20, judged + errors);
        Assert.InRange(errors, 1, 19);
        Assert.Equal(judged, server.Requests.Count);
        Assert.True(cost <= (double)budget, $"the run spent ${cost}, over its ${budget} budget");

        var list = await app.Services.GetRequiredService<RunsOperationsApi>().ListAsync(null, null, null, BaseUri, app.Client);
        var run = JsonNode.Parse(list.Body)!["runs"]!.AsArray().Single()!;
        Assert.Equal(budget, run["budgetUsd"]!.GetValue<decimal>());
        var spend = run["spendUsd"]!.GetValue<decimal>();
        Assert.InRange(spend, 0.000001m, budget);
        Assert.Equal(cost, (double)spend, 6);
    }

    [Fact]
    public async Task A_budget_above_the_cap_not_positive_not_a_number_or_without_an_llm_judge_is_refused_and_the_console_learns_the_cap()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        await using var app = await StartWithLlmAsync(server);
        await using var http = await FunctionsHttpAdapter.StartAsync(app);
        using var client = new HttpClient { BaseAddress = http.Url };

        async Task<JsonNode> RefusedAsync(string body)
        {
            var response = await client.PostAsync(
                new Uri($"api/runs?code={FunctionsHttpAdapter.Key}", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        Assert.Equal(
            ["budgetUsd 3 is above this deployment's LLM budget of 2 (Kimera:Llm:BudgetUsd), which caps every run: ask for at most 2."],
            Errors(await RefusedAsync("""{"dataset": "mixed_quick.csv", "budgetUsd": 3}""")));
        Assert.Equal(
            ["budgetUsd must be more than 0 US dollars (got 0)."],
            Errors(await RefusedAsync("""{"dataset": "mixed_quick.csv", "budgetUsd": 0}""")));
        Assert.Equal(
            ["budgetUsd limits what the LLM judges spend, and this run has none (judges: kimera)."],
            Errors(await RefusedAsync("""{"dataset": "mixed_quick.csv", "judges": ["kimera"], "budgetUsd": 1}""")));
        Assert.StartsWith(
            "The body is not a valid run request: 'budgetUsd' must be a number of US dollars (got \"1\").",
            (await RefusedAsync("""{"dataset": "mixed_quick.csv", "budgetUsd": "1"}"""))["detail"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Empty(await InstancesAsync(app));

        // What the console's form is built from: the judges a run may name, the cap, the largest upload (100 MiB by default).
        var capabilities = JsonNode.Parse(await client.GetStringAsync(new Uri($"api/console/capabilities?code={FunctionsHttpAdapter.Key}", UriKind.Relative)))!;
        Assert.True(capabilities["upload"]!.GetValue<bool>());
        Assert.Equal(104_857_600, capabilities["maxUploadBytes"]!.GetValue<long>());
        Assert.Equal("""["kimera","llm"]""", capabilities["judges"]!.ToJsonString());
        Assert.Equal("""["kimera","llm"]""", capabilities["defaultJudges"]!.ToJsonString());
        Assert.Equal(2m, capabilities["budgetCapUsd"]!.GetValue<decimal>());
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await client.GetAsync(new Uri("api/console/capabilities", UriKind.Relative))).StatusCode);
    }

    /// <summary>The app with an LLM on <paramref name="server"/> priced at $100 per million tokens, 50 output tokens at most,
    /// 3 chunks in flight, and a deployment budget (the cap) of $2.</summary>
    private Task<FunctionsHarness> StartWithLlmAsync(FakeOpenAiServer server, Action<IServiceCollection>? configure = null) =>
        FunctionsHarness.StartAsync(
            fixture.Embedder,
            azurite,
            settings: new Dictionary<string, string?>
            {
                ["OPENAI_API_KEY"] = "sk-test",
                ["Kimera:Llm:Endpoint"] = server.BaseUrl.AbsoluteUri,
                ["Kimera:Llm:PriceInputPerMillion"] = "100",
                ["Kimera:Llm:PriceOutputPerMillion"] = "100",
                ["Kimera:Llm:MaxOutputTokens"] = "50",
                ["Kimera:Llm:BudgetUsd"] = "2",
                ["Kimera:Run:Parallelism"] = "3",
            },
            configure: configure);

    private static IEnumerable<string> Errors(JsonNode problem) => problem["errors"]!.AsArray().Select(e => e!.GetValue<string>());

    private static MemoryStream Body(string json) => new(Encoding.UTF8.GetBytes(json));

    private static async Task<List<string>> InstancesAsync(FunctionsHarness app)
    {
        var instances = new List<string>();
        await foreach (var instance in app.Client.GetAllInstancesAsync())
        {
            instances.Add(instance.InstanceId);
        }

        return instances;
    }

    private sealed class NoPlanCheck : IPlanCheck
    {
        public Task CheckAsync(RunPlan plan, IArtifactStore store, IReadOnlyList<IPairJudge> judges, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
