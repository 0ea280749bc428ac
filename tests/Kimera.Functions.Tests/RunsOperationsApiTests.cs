using System.Text;
using System.Text.Json.Nodes;
using Kimera.Functions.Http;
using Kimera.Functions.Tests.Support;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Functions.Tests;

/// <summary>The operations endpoints (<c>GET /api/runs</c>, <c>POST /api/runs/{id}/cancel</c> and <c>/restart</c>,
/// <c>DELETE /api/runs/{id}</c>) as the app answers them: JSON bodies, status codes and problem+json errors. What the operations
/// do on both durable backends is in Kimera.Orchestration.Tests (RunOperationsTests).</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class RunsOperationsApiTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Uri BaseUri = new("https://kimera.example/");

    [Fact]
    public async Task The_list_pages_newest_first_and_finished_runs_can_be_deleted_but_not_canceled_or_restarted()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        var api = app.Services.GetRequiredService<RunsOperationsApi>();
        var older = await StartAndFinishAsync(app);
        var newer = await StartAndFinishAsync(app);

        var first = await api.ListAsync("1", null, null, BaseUri, app.Client);

        Assert.Equal((200, ApiResponse.Json), (first.StatusCode, first.ContentType));
        var page = JsonNode.Parse(first.Body)!;
        var run = page["runs"]!.AsArray().Single()!;
        Assert.Equal(newer, run["id"]!.GetValue<string>());
        // What the console reads to show its buttons: this app runs every operation, so it is not read-only.
        Assert.False(page["readOnly"]!.GetValue<bool>());
        Assert.Equal("""["cancel","restart","delete"]""", page["operations"]!.ToJsonString());
        var token = page["continuationToken"]!.GetValue<string>();
        Assert.Equal($"https://kimera.example/api/runs?top=1&continuationToken={Uri.EscapeDataString(token)}", page["nextGetUri"]!.GetValue<string>());
        // mixed_quick.csv: 20 pairs, chunk size 5 from configuration → 4 chunks; Kimera only, so no spend and no budget.
        Assert.Equal("mixed_quick.csv", run["dataset"]!.GetValue<string>());
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("""{"stage":"completed","chunksDone":4,"chunkCount":4,"pairsDone":20,"totalPairs":20}""", run["progress"]!.ToJsonString());
        Assert.Equal("""["kimera"]""", run["judges"]!.ToJsonString());
        Assert.Equal((null, null, null), (run["spendUsd"], run["budgetUsd"], run["error"]));
        Assert.Equal($"https://kimera.example/api/runs/{newer}", run["statusQueryGetUri"]!.GetValue<string>());
        Assert.True(run["createdAt"]!.GetValue<DateTimeOffset>() <= run["lastUpdatedAt"]!.GetValue<DateTimeOffset>());

        var second = JsonNode.Parse((await api.ListAsync("1", null, token, BaseUri, app.Client)).Body)!;
        Assert.Equal([older], second["runs"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Null(second["continuationToken"]);
        Assert.Null(second["nextGetUri"]);
        var failedOnly = JsonNode.Parse((await api.ListAsync(null, "failed,terminated", null, BaseUri, app.Client)).Body)!;
        Assert.Empty(failedOnly["runs"]!.AsArray());

        foreach (var finished in new[] { await RunsOperationsApi.CancelAsync(newer, BaseUri, app.Client), await RunsOperationsApi.RestartAsync(newer, BaseUri, app.Client) })
        {
            Assert.Equal((409, ApiResponse.ProblemJson), (finished.StatusCode, finished.ContentType));
        }

        Assert.Equal(
            $$"""{"type":"about:blank","title":"Conflict","status":409,"detail":"Run '{{newer}}' has already finished (Completed); there is nothing to cancel."}""",
            (await RunsOperationsApi.CancelAsync(newer, BaseUri, app.Client)).Body);

        var deleted = await api.DeleteAsync(newer, app.Client);

        Assert.Equal((200, ApiResponse.Json), (deleted.StatusCode, deleted.ContentType));
        Assert.Equal(404, (await RunsApi.GetStatusAsync(newer, BaseUri, app.Client)).StatusCode);
        Assert.Null(await app.ReadArtifactAsync(newer, RunArtifacts.Report));
        Assert.NotNull(await app.ReadArtifactAsync(older, RunArtifacts.Report));
        var remaining = JsonNode.Parse((await api.ListAsync(null, null, null, BaseUri, app.Client)).Body)!;
        Assert.Equal([older], remaining["runs"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_runs_are_404_and_bad_list_parameters_are_400_naming_each_problem()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        var api = app.Services.GetRequiredService<RunsOperationsApi>();

        var unknown = new[]
        {
            await RunsOperationsApi.CancelAsync("nope", BaseUri, app.Client),
            await RunsOperationsApi.RestartAsync("nope", BaseUri, app.Client),
            await api.DeleteAsync("nope", app.Client),
        };
        var bad = await api.ListAsync("0", "Running,Done", "not-a-token", BaseUri, app.Client);

        Assert.All(unknown, response => Assert.Equal(
            (404, """{"type":"about:blank","title":"Not found","status":404,"detail":"There is no run 'nope'."}"""),
            (response.StatusCode, response.Body)));
        Assert.Equal((400, ApiResponse.ProblemJson), (bad.StatusCode, bad.ContentType));
        Assert.Equal(
            [
                "top must be a whole number between 1 and 100 (got '0').",
                "status: 'Done' is not a run status (Pending, Running, Suspended, Completed, Failed, Terminated).",
                "continuationToken 'not-a-token' is not one this list gave.",
            ],
            JsonNode.Parse(bad.Body)!["errors"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    private static async Task<string> StartAndFinishAsync(FunctionsHarness app)
    {
        var started = await app.Api.StartAsync(new MemoryStream(Encoding.UTF8.GetBytes("{\"dataset\": \"mixed_quick.csv\"}")), BaseUri, app.Client);
        var id = JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.WaitAsync(id)).RuntimeStatus);
        return id;
    }
}
