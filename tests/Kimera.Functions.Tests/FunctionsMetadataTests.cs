using System.Text.Json.Nodes;
using Kimera.TestSupport;

namespace Kimera.Functions.Tests;

/// <summary>The <c>functions.metadata</c> the Functions SDK generates at build time is what the host indexes:
/// trigger types, routes, paths, connections and auth levels are checked there, not in the attributes.</summary>
public sealed class FunctionsMetadataTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly Lazy<JsonArray> Metadata = new(() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(RepoPaths.RepoRoot, "src", "Kimera.Functions", "bin", Configuration, "net10.0", "functions.metadata")))!.AsArray());

    [Fact]
    public void The_app_holds_exactly_the_intended_functions()
    {
        var names = Metadata.Value.Select(f => f!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["AggregateRun", "BenchmarkOrchestrator", "CancelRun", "Console", "ConsoleCapabilities", "DeleteRun", "GetRun", "GetRunReport", "ListRuns", "PlanRun",
             "ProcessChunk", "ProcessChunkGroup", "RestartRun", "RunOnDatasetUploaded", "StartRun", "UploadDataset"],
            names);
    }

    [Theory]
    [InlineData("StartRun", "post", "runs")]
    [InlineData("GetRun", "get", "runs/{id}")]
    [InlineData("GetRunReport", "get", "runs/{id}/report")]
    [InlineData("ListRuns", "get", "runs")]
    [InlineData("CancelRun", "post", "runs/{id}/cancel")]
    [InlineData("RestartRun", "post", "runs/{id}/restart")]
    [InlineData("DeleteRun", "delete", "runs/{id}")]
    public void Http_functions_have_their_route_method_and_function_key_auth(string name, string method, string route)
    {
        var trigger = Trigger(name);

        Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal("Function", trigger["authLevel"]!.GetValue<string>());
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(route, trigger["route"]!.GetValue<string>());
        Assert.Contains(Bindings(name), b => b["type"]!.GetValue<string>() == "durableClient");
    }

    [Fact]
    public void The_console_page_is_a_get_on_console_with_function_key_auth_and_no_durable_client()
    {
        var trigger = Trigger("Console");

        Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal("Function", trigger["authLevel"]!.GetValue<string>());
        Assert.Equal(["get"], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("console", trigger["route"]!.GetValue<string>());
        Assert.DoesNotContain(Bindings("Console"), b => b["type"]!.GetValue<string>() == "durableClient");
    }

    [Theory]
    [InlineData("UploadDataset", "post", "datasets/{name}")]
    [InlineData("ConsoleCapabilities", "get", "console/capabilities")]
    public void The_upload_form_routes_have_function_key_auth_and_no_durable_client(string name, string method, string route)
    {
        var trigger = Trigger(name);

        Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal("Function", trigger["authLevel"]!.GetValue<string>());
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(route, trigger["route"]!.GetValue<string>());
        Assert.DoesNotContain(Bindings(name), b => b["type"]!.GetValue<string>() == "durableClient");
    }

    [Fact]
    public void Dataset_trigger_listens_to_event_grid_on_the_datasets_container()
    {
        var trigger = Trigger("RunOnDatasetUploaded");

        Assert.Equal("blobTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal("datasets/{name}", trigger["path"]!.GetValue<string>());
        Assert.Equal("EventGrid", trigger["source"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", trigger["connection"]!.GetValue<string>());
        Assert.Contains(Bindings("RunOnDatasetUploaded"), b => b["type"]!.GetValue<string>() == "durableClient");
    }

    [Theory]
    [InlineData("BenchmarkOrchestrator", "orchestrationTrigger")]
    [InlineData("ProcessChunkGroup", "orchestrationTrigger")]
    [InlineData("PlanRun", "activityTrigger")]
    [InlineData("ProcessChunk", "activityTrigger")]
    [InlineData("AggregateRun", "activityTrigger")]
    public void Durable_functions_have_their_trigger(string name, string type)
    {
        Assert.Equal(type, Trigger(name)["type"]!.GetValue<string>());
        Assert.Single(Bindings(name));
    }

    private static List<JsonNode> Bindings(string name) =>
        Metadata.Value.Single(f => f!["name"]!.GetValue<string>() == name)!["bindings"]!.AsArray().Select(b => b!).ToList();

    private static JsonNode Trigger(string name) =>
        Bindings(name).Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));
}
