using System.Text;
using Azure.Storage.Blobs;
using Kimera.Storage.AzureBlobs;
using Kimera.TestSupport.Azurite;

namespace Kimera.Storage.Tests;

[Trait("Category", "Azurite")]
public sealed class BlobRunStoreFactoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly BlobServiceClient _service = new(azurite.ConnectionString);

    [Fact]
    public async Task Each_run_writes_under_its_own_id_prefix_and_sees_only_its_own_artifacts()
    {
        var name = AzuriteFixture.UniqueName("runs");
        var factory = new BlobRunStoreFactory(_service, name);

        await factory.ForRun("run-a").WriteAsync("report.json", (s, ct) => s.WriteAsync("{\"a\":1}"u8.ToArray(), ct).AsTask());
        await factory.ForRun("run-b").WriteAsync("chunks/00000.csv", (s, ct) => s.WriteAsync("x\n"u8.ToArray(), ct).AsTask());

        var blobs = new List<string>();
        await foreach (var blob in _service.GetBlobContainerClient(name).GetBlobsAsync())
        {
            blobs.Add(blob.Name);
        }

        Assert.Equal(["run-a/report.json", "run-b/chunks/00000.csv"], blobs);
        Assert.False(await factory.ForRun("run-b").ExistsAsync("report.json"));
        await using var stream = await factory.ForRun("run-a").OpenReadAsync("report.json");
        Assert.Equal("{\"a\":1}", await new StreamReader(stream!, Encoding.UTF8).ReadToEndAsync());
        Assert.Equal($"{_service.Uri.AbsoluteUri.TrimEnd('/')}/{name}/run-a/", factory.ForRun("run-a").Location);
    }

    [Fact]
    public void The_default_container_is_runs() =>
        Assert.Equal("runs", new BlobRunStoreFactory(_service).Container);

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("..")]
    [InlineData(".")]
    public void Run_ids_that_would_nest_or_leave_the_prefix_are_refused(string runId)
    {
        var error = Assert.Throws<ArgumentException>(() => new BlobRunStoreFactory(_service).ForRun(runId));

        Assert.Contains($"Run id '{runId}'", error.Message, StringComparison.Ordinal);
    }
}
