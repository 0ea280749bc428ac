using Kimera.Functions.Tests.Support;
using Kimera.Functions.Triggers;
using Kimera.Orchestration.Tests.Support;
using Microsoft.DurableTask.Client;

namespace Kimera.Functions.Tests;

[Collection(DurableCollection.Name)]
public sealed class DatasetTriggerTests(EmbedderFixture fixture)
{
    [Fact]
    public void Instance_id_is_the_sha256_prefix_of_blob_name_and_etag()
    {
        // python3: "dataset-" + hashlib.sha256(b'mixed_quick.csv\n"0x8DC1"').hexdigest()[:32]
        Assert.Equal("dataset-8e8b4419d25fe3c195504bbe15cb9c59", DatasetRunStarter.InstanceIdFor("mixed_quick.csv", "\"0x8DC1\""));
        Assert.Equal("dataset-da5f2dddd9cdf8329ea338fa75271a80", DatasetRunStarter.InstanceIdFor("mixed_quick.csv", "\"0x8DC2\""));
    }

    [Fact]
    public async Task A_blob_event_starts_a_run_and_the_same_event_twice_starts_one()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder);

        var first = await app.Starter.StartAsync("mixed_quick.csv", "\"0x8DC1\"", app.Client);
        var again = await app.Starter.StartAsync("mixed_quick.csv", "\"0x8DC1\"", app.Client);
        var done = await app.WaitAsync(first.InstanceId);
        var afterCompletion = await app.Starter.StartAsync("mixed_quick.csv", "\"0x8DC1\"", app.Client);

        Assert.Equal(new DatasetRunStart("dataset-8e8b4419d25fe3c195504bbe15cb9c59", Started: true), first);
        Assert.Equal(first with { Started = false }, again);
        Assert.Equal(first with { Started = false }, afterCompletion);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var instances = new List<string>();
        await foreach (var instance in app.Client.GetAllInstancesAsync())
        {
            instances.Add(instance.InstanceId);
        }

        Assert.Equal(["dataset-8e8b4419d25fe3c195504bbe15cb9c59"], instances);
    }
}
