using Azure.Storage.Blobs;
using Kimera.Storage.AzureBlobs;
using Kimera.TestSupport.Azurite;

namespace Kimera.Storage.Tests;

[Trait("Category", "Azurite")]
public sealed class BlobDatasetSourceResolverTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly BlobServiceClient _service = new(azurite.ConnectionString);

    [Fact]
    public async Task A_dataset_blob_resolves_with_its_blob_name_etag_and_content()
    {
        var container = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("datasets"));
        await container.CreateAsync();
        const string Csv = "pair_id,text1,text2,label\n1,a,b,0\n";
        var uploaded = await container.GetBlobClient("team/pairs.csv").UploadAsync(BinaryData.FromString(Csv));

        var source = await new BlobDatasetSourceResolver(_service, container.Name).ResolveAsync("team/pairs.csv");

        Assert.NotNull(source);
        Assert.Equal(("team/pairs.csv", uploaded.Value.ETag.ToString()), (source.Name, source.Version));
        await using var stream = await source.OpenAsync(CancellationToken.None);
        Assert.Equal(Csv, await new StreamReader(stream).ReadToEndAsync());
    }

    [Fact]
    public async Task A_missing_blob_or_container_resolves_to_null()
    {
        var container = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("datasets"));
        var resolver = new BlobDatasetSourceResolver(container);

        Assert.Null(await resolver.ResolveAsync("absent.csv")); // no container yet
        await container.CreateAsync();
        Assert.Null(await resolver.ResolveAsync("absent.csv"));
    }

    [Theory]
    [InlineData("../secrets.csv")]
    [InlineData("/rooted.csv")]
    [InlineData("a//b.csv")]
    [InlineData("a/./b.csv")]
    [InlineData("a\\b.csv")]
    public async Task Names_with_empty_dot_or_rooted_segments_are_refused(string name)
    {
        var resolver = new BlobDatasetSourceResolver(_service);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => resolver.ResolveAsync(name));

        Assert.Contains($"Dataset name '{name}' must be a relative name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_container_is_datasets() =>
        Assert.Equal(BlobDatasetSource.ContainerName, new BlobDatasetSourceResolver(_service).Container);
}
