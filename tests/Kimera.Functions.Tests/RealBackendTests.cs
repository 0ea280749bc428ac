using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Kimera.Functions.Configuration;
using Kimera.Functions.Http;
using Kimera.Functions.Tests.Support;
using Kimera.Llm;
using Kimera.Orchestration;
using Kimera.Orchestration.Judges;
using Kimera.Orchestration.RealHost;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kimera.Functions.Tests;

/// <summary>The app's API and package pins against the real durable backend (the Durable extension on Azure Storage over Azurite,
/// hosted in a child process by Kimera.Orchestration.RealHost).</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Process")]
[Trait("Category", "Azurite")]
public sealed class RealBackendTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void The_host_extension_under_test_is_the_version_the_worker_extension_asks_the_Functions_host_to_load()
    {
        // The Functions host loads the WebJobs extension named by the worker extension's ExtensionInformation attribute;
        // testing any other version would test something Azure never runs.
        var wanted = typeof(Microsoft.Azure.Functions.Worker.ActivityTriggerAttribute).Assembly.GetCustomAttribute<ExtensionInformationAttribute>()!;
        var pinned = XDocument.Load(Path.Combine(RepoPaths.RepoRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == wanted.ExtensionPackage)
            .Attribute("Version")!.Value;
        var built = FileVersionInfo.GetVersionInfo(Path.Combine(
            Path.GetDirectoryName(ChildHostProcess.HostAssembly())!, "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll")).ProductVersion!.Split('+')[0];

        Assert.Equal("Microsoft.Azure.WebJobs.Extensions.DurableTask", wanted.ExtensionPackage);
        Assert.Equal(wanted.ExtensionVersion, pinned);
        Assert.Equal(wanted.ExtensionVersion, built);
    }

    [Fact]
    public async Task A_failed_run_shows_its_error_through_GET_api_runs_id()
    {
        var settings = new ChildHostSettings(
            azurite.ConnectionString, "kb" + Guid.NewGuid().ToString("N")[..16], AzuriteFixture.UniqueName("datasets"), AzuriteFixture.UniqueName("runs"),
            AzuriteFixture.UniqueName("embeddings"), AzuriteFixture.UniqueName("judgements"), _temp.File("markers"), _temp.File("ready"),
            HoldSummaries: [], LlmEndpoint: null, LlmBudgetUsd: null);
        await using var host = await ChildHostProcess.StartAsync(settings, TimeSpan.FromMinutes(3));
        var request = new Orchestration.Contracts.RunRequest(
            "absent.csv",
            new Kimera.Pipeline.RunSpec { ChunkSize = 5, Parallelism = 2, Judges = ["kimera"], BootstrapResamples = 200, Folds = 3 },
            null,
            new Orchestration.Contracts.ActivityRetrySettings(2, TimeSpan.FromMilliseconds(200), 2, TimeSpan.FromSeconds(1)));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, request, new StartOrchestrationOptions("failed"));
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            var done = await host.Client.WaitForInstanceCompletionAsync("failed", getInputsAndOutputs: true, timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
            // The fact RunError works around: this backend returns no failure details (should this fail, the extension now keeps them).
            Assert.Null(done.FailureDetails);
        }

        var processors = new ChunkProcessorFactory(
            new Kimera.Engine.Embeddings.EmbeddingLookup(fixture.Embedder, null), new Kimera.Judging.JudgeCatalog(new Kimera.Engine.Geoids.KimeraEngineOptions()), NullLoggerFactory.Instance);
        var api = new RunsApi(
            new RunRequestFactory(Options.Create(new Kimera.Pipeline.RunSpec()), Options.Create(new RunRetryOptions()), Options.Create(new LlmJudgeOptions()), processors),
            new Kimera.Storage.AzureBlobs.BlobDatasetSourceResolver(new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString), settings.DatasetsContainer),
            new Kimera.Storage.AzureBlobs.BlobRunStoreFactory(new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString), settings.RunsContainer),
            NullLogger<RunsApi>.Instance);

        var response = await RunsApi.GetStatusAsync("failed", new Uri("https://kimera.example/"), host.Client);

        Assert.Equal(200, response.StatusCode);
        var body = JsonNode.Parse(response.Body)!;
        Assert.Equal("Failed", body["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("Microsoft.DurableTask.TaskFailedException", body["error"]!["type"]!.GetValue<string>());
        Assert.Equal(
            "Task 'PlanRun' (#0) failed with an unhandled exception: Dataset 'absent.csv' does not exist.",
            body["error"]!["message"]!.GetValue<string>());
        Assert.Null(body["summary"]);
        Assert.Null(body["reportGetUri"]);
    }

    public void Dispose() => _temp.Dispose();
}
