using Kimera.Functions.Http;
using Kimera.Orchestration.Operations;
using Microsoft.DurableTask.Client;

namespace Kimera.Functions.Tests;

/// <summary>Issue 26 point 3: each run of <c>GET /api/runs</c> says where its logs are (<c>logsQuery</c>, <c>logsUrl</c>).</summary>
public sealed class RunLogsJsonTests
{
    private static readonly Uri BaseUri = new("https://kimera.example/");

    [Fact]
    public void A_listed_run_carries_the_query_on_its_id_and_the_portal_link()
    {
        var logs = new RunLogs("the query", new Uri("https://portal.azure.com/#blade/x"));
        var run = new RunSummary(
            "r1", "pairs.csv", OrchestrationRuntimeStatus.Running, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, ["kimera"], null, null, null, logs);

        var json = RunsOperationsApi.RunJson(run, BaseUri);

        Assert.Equal("the query", json["logsQuery"]!.GetValue<string>());
        Assert.Equal("https://portal.azure.com/#blade/x", json["logsUrl"]!.GetValue<string>());
    }

    [Fact]
    public void Without_a_link_logsUrl_is_null_and_the_query_names_the_run()
    {
        var run = new RunSummary(
            "r1", "pairs.csv", OrchestrationRuntimeStatus.Completed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, ["kimera"], null, null, null,
            RunLogs.For("r1", applicationInsightsResourceId: "  "));

        var json = RunsOperationsApi.RunJson(run, BaseUri);

        Assert.Equal(
            """union traces, requests, dependencies, exceptions | where customDimensions["kimera.run_id"] == "r1" | order by timestamp asc""",
            json["logsQuery"]!.GetValue<string>());
        Assert.True(json.ContainsKey("logsUrl"));
        Assert.Null(json["logsUrl"]);
    }
}
