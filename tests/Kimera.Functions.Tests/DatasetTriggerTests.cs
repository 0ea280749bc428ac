using Kimera.Functions.Tests.Support;
using Kimera.Functions.Triggers;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.DurableTask.Client;

namespace Kimera.Functions.Tests;

[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class DatasetTriggerTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void Instance_id_is_the_sha256_prefix_of_blob_name_and_etag()
    {
        // python3: "dataset-" + hashlib.sha256(b'mixed_quick.csv\n"0x8DC1"').hexdigest()[:32]
        Assert.Equal("dataset-8e8b4419d25fe3c195504bbe15cb9c59", DatasetRunStarter.InstanceIdFor("mixed_quick.csv", "\"0x8DC1\""));
        Assert.Equal("dataset-da5f2dddd9cdf8329ea338fa75271a80", DatasetRunStarter.InstanceIdFor("mixed_quick.csv", "\"0x8DC2\""));
    }

    [Fact]
    public async Task A_real_dataset_blob_starts_one_run_however_often_its_event_arrives_and_a_new_upload_starts_another()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        var blob = app.DatasetsContainer.GetBlobClient("upload.csv");
        var etag = (await blob.UploadAsync(Kimera.TestSupport.RepoPaths.TestData(FunctionsHarness.Dataset))).Value.ETag.ToString();
        var function = new DatasetBlobFunction(app.Starter);

        // The blob trigger's function as the host calls it: the blob client, the {name} of the path, the durable client.
        await function.RunAsync(blob, "upload.csv", app.Client, CancellationToken.None);
        await function.RunAsync(blob, "upload.csv", app.Client, CancellationToken.None);
        var first = DatasetRunStarter.InstanceIdFor("upload.csv", etag);
        var done = await app.WaitAsync(first);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<Kimera.Orchestration.Contracts.RunResult>()!;
        Assert.Equal(("upload.csv", 20, 4), (result.Dataset, result.Pairs, result.Chunks));
        // Event Grid delivers at least once: a late duplicate of the first event, after the run completed, starts nothing either.
        await function.RunAsync(blob, "upload.csv", app.Client, CancellationToken.None);
        Assert.Equal([first], await InstancesAsync(app));

        // Uploading again gives the blob a new ETag: a new version, so a new run.
        var newEtag = (await blob.UploadAsync(Kimera.TestSupport.RepoPaths.TestData(FunctionsHarness.Dataset), overwrite: true)).Value.ETag.ToString();
        await function.RunAsync(blob, "upload.csv", app.Client, CancellationToken.None);
        var second = DatasetRunStarter.InstanceIdFor("upload.csv", newEtag);
        Assert.NotEqual(first, second);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.WaitAsync(second)).RuntimeStatus);
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), await InstancesAsync(app));
        Assert.NotNull(await app.ReadArtifactAsync(second, RunArtifacts.Pairs));
    }

    private static async Task<List<string>> InstancesAsync(FunctionsHarness app)
    {
        var instances = new List<string>();
        await foreach (var instance in app.Client.GetAllInstancesAsync())
        {
            instances.Add(instance.InstanceId);
        }

        instances.Sort(StringComparer.Ordinal);
        return instances;
    }
}
