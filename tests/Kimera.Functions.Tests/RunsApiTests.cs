using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kimera.Functions.Http;
using Kimera.Functions.Tests.Support;
using Kimera.Orchestration.Operations;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.DurableTask.Client;

namespace Kimera.Functions.Tests;

[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class RunsApiTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Uri BaseUri = new("https://kimera.example/");
    private const string InsightsId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Insights/components/appi";

    [Fact]
    public async Task Start_answers_202_with_status_urls_and_the_status_then_shows_the_finished_run()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);

        var started = await app.Api.StartAsync(Body("{\"dataset\": \"mixed_quick.csv\"}"), BaseUri, app.Client);

        Assert.Equal((202, ApiResponse.Json), (started.StatusCode, started.ContentType));
        var body = JsonNode.Parse(started.Body)!;
        var id = body["id"]!.GetValue<string>();
        Assert.Equal($"https://kimera.example/api/runs/{id}", body["statusQueryGetUri"]!.GetValue<string>());
        Assert.Equal($"https://kimera.example/api/runs/{id}/report", body["reportGetUri"]!.GetValue<string>());
        Assert.Equal($"https://kimera.example/api/runs/{id}", started.Headers["Location"]);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.WaitAsync(id)).RuntimeStatus);

        var status = await RunsApi.GetStatusAsync(id, BaseUri, app.Client);

        Assert.Equal((200, ApiResponse.Json), (status.StatusCode, status.ContentType));
        var json = JsonNode.Parse(status.Body)!;
        Assert.Equal("Completed", json["runtimeStatus"]!.GetValue<string>());
        // mixed_quick.csv: 20 rows of pairs, chunk size 5 from configuration → 4 chunks.
        Assert.Equal("""{"stage":"completed","chunksDone":4,"chunkCount":4,"pairsDone":20,"totalPairs":20}""", json["progress"]!.ToJsonString());
        Assert.Equal(20, json["summary"]!["pairs"]!.GetValue<int>());
        Assert.Equal("mixed_quick.csv", json["summary"]!["dataset"]!.GetValue<string>());
        Assert.Null(json["error"]);
        Assert.True(json["createdAt"]!.GetValue<DateTimeOffset>() <= json["lastUpdatedAt"]!.GetValue<DateTimeOffset>());
        // Issue 26 point 3: where the run's logs are. No Application Insights resource is configured here: a query, no link.
        Assert.Equal(
            $"union traces, requests, dependencies, exceptions | where customDimensions[\"kimera.run_id\"] == \"{id}\" | order by timestamp asc",
            json["logsQuery"]!.GetValue<string>());
        Assert.Null(json["logsUrl"]);

        var linked = JsonNode.Parse((await RunsApi.GetStatusAsync(id, BaseUri, app.Client, new RunLogsOptions { ApplicationInsightsResourceId = InsightsId })).Body)!;
        Assert.Equal(json["logsQuery"]!.GetValue<string>(), linked["logsQuery"]!.GetValue<string>());
        Assert.StartsWith(
            "https://portal.azure.com/#blade/Microsoft_Azure_Monitoring_Logs/LogsBlade/resourceId/%2Fsubscriptions%2Fs1%2FresourceGroups%2Frg%2Fproviders%2FMicrosoft.Insights%2Fcomponents%2Fappi/",
            linked["logsUrl"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_shows_chunks_and_pairs_done_while_the_run_is_going()
    {
        // One chunk in flight: chunk 2's activity starts only after the orchestrator has recorded chunks 0 and 1 as done. The
        // in-process backend saves that status before it hands out the activity, so when chunk 2 comes to write its results
        // (held there until the test has read the status), the status shows two chunks done.
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await FunctionsHarness.StartAsync(
            fixture.Embedder,
            azurite,
            stores => new InterceptingRunStoreFactory(stores, (_, name) =>
            {
                if (name != RunArtifacts.ChunkResults(2))
                {
                    return Task.CompletedTask;
                }

                holding.TrySetResult();
                return release.Task;
            }));
        var started = await app.Api.StartAsync(Body("{\"dataset\": \"mixed_quick.csv\", \"maxParallelChunks\": 1}"), BaseUri, app.Client);
        var id = JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();

        // Chunk 2 is held, or the run ended without getting there (WaitAsync gives up after its own bound).
        var finished = app.WaitAsync(id);
        if (await Task.WhenAny(holding.Task, finished) != holding.Task)
        {
            Assert.Fail($"The run ended ({(await finished).RuntimeStatus}) without chunk 2 writing its results.");
        }

        var status = JsonNode.Parse((await RunsApi.GetStatusAsync(id, BaseUri, app.Client)).Body)!;

        Assert.Equal("Running", status["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("""{"stage":"processing","chunksDone":2,"chunkCount":4,"pairsDone":10,"totalPairs":20}""", status["progress"]!.ToJsonString());
        Assert.Null(status["summary"]);
        release.SetResult();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await finished).RuntimeStatus);
    }

    [Fact]
    public async Task Unknown_run_is_404_problem_for_status_and_report()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);

        var status = await RunsApi.GetStatusAsync("no-such-run", BaseUri, app.Client);
        var report = await app.Api.GetReportAsync("no-such-run", wantsJson: false, app.Client);

        foreach (var response in new[] { status, report })
        {
            Assert.Equal((404, ApiResponse.ProblemJson), (response.StatusCode, response.ContentType));
            Assert.Equal(
                """{"type":"about:blank","title":"Not found","status":404,"detail":"There is no run 'no-such-run'."}""",
                response.Body);
        }
    }

    [Theory]
    [InlineData("", "The body is not a valid run request")]
    [InlineData("not json", "The body is not a valid run request")]
    [InlineData("{\"dataset\": 5}", "The body is not a valid run request")]
    [InlineData("{\"dataset\": \"mixed_quick.csv\", \"colour\": \"blue\"}", "colour")]
    [InlineData("{\"chunkSize\": 5}", "The body must name the dataset blob")]
    [InlineData("{\"dataset\": \"mixed_quick.csv\", \"chunkSize\": 0}", "chunkSize must be between 1 and 1000000 (got 0).")]
    [InlineData("{\"dataset\": \"mixed_quick.csv\", \"judges\": [\"oracle\"]}", "judges: 'oracle' is not a known judge (kimera, llm).")]
    [InlineData("{\"dataset\": \"mixed_quick.csv\", \"judges\": [\"llm\"]}", "judges: judge 'llm' is an LLM judge but no LLM is configured here (an API key is needed).")]
    [InlineData("{\"dataset\": \"../secrets.csv\"}", "Dataset name '../secrets.csv' must be a relative name")]
    [InlineData("{\"dataset\": \"mixed_quick.csv\", \"judges\": [{\"name\": \"k\", \"kind\": \"kimera\", \"options\": {\"Nope\": 1}}]}", "judges: judges[0] ('k'): options: 'Nope' is not a Kimera engine option")]
    [InlineData("{\"dataset\": \"mixed_quick.csv\", \"judges\": [\"kimera\", {\"name\": \"mini\", \"kind\": \"llm\", \"model\": \"gpt-4o\"}]}", "judges: judge 'mini' is an LLM judge but no LLM is configured here")]
    [InlineData("{\"dataset\": \"mixed_quick.csv\", \"judges\": \"kimera\"}", "must be an array of judge names or judge objects.")]
    public async Task Bad_body_is_400_problem_json_naming_what_is_wrong(string body, string expected)
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);

        var response = await app.Api.StartAsync(Body(body), BaseUri, app.Client);

        Assert.Equal((400, ApiResponse.ProblemJson), (response.StatusCode, response.ContentType));
        var problem = JsonNode.Parse(response.Body)!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Equal("about:blank", problem["type"]!.GetValue<string>());
        Assert.Contains(expected, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_dataset_blob_is_404_and_starts_nothing()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);

        var response = await app.Api.StartAsync(Body("{\"dataset\": \"absent.csv\"}"), BaseUri, app.Client);

        Assert.Equal((404, ApiResponse.ProblemJson), (response.StatusCode, response.ContentType));
        Assert.Equal("Dataset 'absent.csv' does not exist in the datasets container.", JsonNode.Parse(response.Body)!["detail"]!.GetValue<string>());
        var instances = new List<OrchestrationMetadata>();
        await foreach (var instance in app.Client.GetAllInstancesAsync())
        {
            instances.Add(instance);
        }

        Assert.Empty(instances);
    }

    [Fact]
    public async Task Report_is_the_pipelines_report_html_by_default_and_report_json_when_asked_for_json()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        var id = JsonNode.Parse((await app.Api.StartAsync(Body("{\"dataset\": \"mixed_quick.csv\"}"), BaseUri, app.Client)).Body)!["id"]!.GetValue<string>();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.WaitAsync(id)).RuntimeStatus);
        // What Aggregate stored in the runs container, read with the test's own client.
        var storedJson = await app.ReadArtifactAsync(id, RunArtifacts.Report);
        var storedHtml = await app.ReadArtifactAsync(id, RunArtifacts.ReportHtml);

        var json = await app.Api.GetReportAsync(id, wantsJson: true, app.Client);
        var html = await app.Api.GetReportAsync(id, wantsJson: false, app.Client);

        Assert.Equal((200, ApiResponse.Json, storedJson), (json.StatusCode, json.ContentType, json.Body));
        Assert.Equal((200, ApiResponse.Html, storedHtml), (html.StatusCode, html.ContentType, html.Body));
        Assert.StartsWith("<!DOCTYPE html>", html.Body, StringComparison.Ordinal);
        Assert.Contains("<title>Kimera Bench report — mixed_quick.csv</title>", html.Body, StringComparison.Ordinal);
        // The page shows the run's timings as report.json has them (the whole run's, not only the Aggregate activity's).
        var t = JsonNode.Parse(storedJson!)!["timings"]!;
        string S(string key) => t[key]!.GetValue<double>().ToString("0.0", CultureInfo.InvariantCulture);
        Assert.Contains(
            $"<th scope=\"row\">total time</th><td>{S("total_seconds")} s (plan {S("plan_seconds")} s, process {S("process_seconds")} s, aggregate {S("aggregate_seconds")} s)</td>",
            html.Body,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_report_html_gets_a_summary_page_made_from_report_json()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        var id = JsonNode.Parse((await app.Api.StartAsync(Body("{\"dataset\": \"mixed_quick.csv\"}"), BaseUri, app.Client)).Body)!["id"]!.GetValue<string>();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.WaitAsync(id)).RuntimeStatus);
        // As for a run stored before the pipeline wrote report.html.
        await app.Blobs.GetBlobContainerClient(app.Names.RunsContainer).DeleteBlobAsync($"{id}/{RunArtifacts.ReportHtml}");
        var stored = (await app.ReadArtifactAsync(id, RunArtifacts.Report))!;

        var html = await app.Api.GetReportAsync(id, wantsJson: false, app.Client);

        Assert.Equal((200, ApiResponse.Html), (html.StatusCode, html.ContentType));
        var accuracy = JsonNode.Parse(stored)!["statistics"]!["judges"]!["kimera"]!["accuracy"]!.GetValue<double>();
        Assert.Contains("<strong>mixed_quick.csv</strong>: 20 pairs, 20 labelled, in 4 chunks.", html.Body, StringComparison.Ordinal);
        Assert.Contains($"<tr><td>kimera</td><td>{accuracy:0.0000}</td>", html.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("text/html, application/json;q=0.9", true)]
    [InlineData("text/html", false)]
    [InlineData(null, false)]
    [InlineData("application/jsonp", false)]
    public void Accept_header_picks_json_only_when_it_names_application_json(string? accept, bool json) =>
        Assert.Equal(json, RunsApi.AcceptsJson(accept));

    private static MemoryStream Body(string text) => new(Encoding.UTF8.GetBytes(text));
}
