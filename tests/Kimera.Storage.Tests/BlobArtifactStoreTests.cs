using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Kimera.Storage.AzureBlobs;
using Kimera.TestSupport.Azurite;

namespace Kimera.Storage.Tests;

[Trait("Category", "Azurite")]
public sealed class BlobArtifactStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly BlobServiceClient _service = new(azurite.ConnectionString);

    [Fact]
    public async Task Written_artifact_reads_back_and_exists_under_the_run_prefix()
    {
        var container = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("runs"));
        var store = new BlobArtifactStore(container, "run42");
        await store.WriteAsync("results/00001.csv", (s, ct) => s.WriteAsync(Encoding.UTF8.GetBytes("a,b\n"), ct).AsTask());

        Assert.True(await store.ExistsAsync("results/00001.csv"));
        await using var stream = await store.OpenReadAsync("results/00001.csv");
        Assert.NotNull(stream);
        Assert.Equal("a,b\n", await new StreamReader(stream).ReadToEndAsync());
        Assert.True(await container.GetBlobClient("run42/results/00001.csv").ExistsAsync());
        Assert.Equal($"{container.Uri.AbsoluteUri}/run42/", store.Location);
    }

    [Fact]
    public async Task Missing_artifact_opens_as_null_even_without_a_container()
    {
        var store = new BlobArtifactStore(_service.GetBlobContainerClient(AzuriteFixture.UniqueName("none")), "r/");

        Assert.Null(await store.OpenReadAsync("nothing.json"));
        Assert.False(await store.ExistsAsync("nothing.json"));
        await store.DeletePrefixAsync("chunks/"); // no container: nothing to do, no error
    }

    [Fact]
    public async Task A_write_that_fails_leaves_no_blob_even_after_a_flush()
    {
        var container = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("runs"));
        var store = new BlobArtifactStore(container, "r");
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("plan.json", async (s, ct) =>
        {
            // More than one block (4 MiB) is staged and the writer flushes before failing: nothing may be committed.
            await s.WriteAsync(new byte[(BlobArtifactStore.BlockSize * 2) + 10], ct);
            await s.FlushAsync(ct);
            throw new InvalidOperationException("interrupted");
        }));

        Assert.False(await store.ExistsAsync("plan.json"));
        Assert.Empty(await container.GetBlobsAsync().ToListAsync());
    }

    [Fact]
    public async Task A_second_write_replaces_the_first_whether_small_or_multi_block()
    {
        var store = new BlobArtifactStore(_service.GetBlobContainerClient(AzuriteFixture.UniqueName("runs")), "r");
        await store.WriteAsync("a.bin", (s, ct) => s.WriteAsync(new byte[BlobArtifactStore.BlockSize + 1], ct).AsTask());
        await store.WriteAsync("a.bin", (s, ct) => s.WriteAsync("small"u8.ToArray(), ct).AsTask());
        await using (var stream = await store.OpenReadAsync("a.bin"))
        {
            Assert.Equal("small", await new StreamReader(stream!).ReadToEndAsync());
        }

        await store.WriteAsync("a.bin", (s, ct) => s.WriteAsync(Enumerable.Repeat((byte)'x', BlobArtifactStore.BlockSize + 1).ToArray(), ct).AsTask());
        await using var again = await store.OpenReadAsync("a.bin");
        var text = await new StreamReader(again!).ReadToEndAsync();
        Assert.Equal(BlobArtifactStore.BlockSize + 1, text.Length);
        Assert.All(text, c => Assert.Equal('x', c));
    }

    [Fact]
    public async Task A_failed_overwrite_keeps_the_previous_content()
    {
        var store = new BlobArtifactStore(_service.GetBlobContainerClient(AzuriteFixture.UniqueName("runs")), "r");
        await store.WriteAsync("report.json", (s, ct) => s.WriteAsync("{\"v\":1}"u8.ToArray(), ct).AsTask());

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("report.json", async (s, ct) =>
        {
            await s.WriteAsync("{\"v\":2"u8.ToArray(), ct);
            throw new InvalidOperationException("interrupted");
        }));

        await using var stream = await store.OpenReadAsync("report.json");
        Assert.Equal("{\"v\":1}", await new StreamReader(stream!).ReadToEndAsync());
    }

    [Fact]
    public async Task A_multi_block_artifact_written_by_a_synchronous_writer_round_trips_byte_for_byte()
    {
        var store = new BlobArtifactStore(_service.GetBlobContainerClient(AzuriteFixture.UniqueName("runs")), "r");
        // 9 MiB + 3 bytes: two full 4 MiB blocks and a partial third, written in odd-sized synchronous pieces.
        var content = new byte[(9 * 1024 * 1024) + 3];
        new Random(7).NextBytes(content);
        await store.WriteAsync("big.bin", (s, _) =>
        {
            for (var offset = 0; offset < content.Length; offset += 100_003)
            {
                s.Write(content, offset, Math.Min(100_003, content.Length - offset));
            }

            return Task.CompletedTask;
        });

        await using var stream = await store.OpenReadAsync("big.bin");
        Assert.Equal(SHA256.HashData(content), await SHA256.HashDataAsync(stream!));
    }

    [Fact]
    public async Task Delete_prefix_removes_only_matching_artifacts_of_this_run()
    {
        var container = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("runs"));
        var store = new BlobArtifactStore(container, "run1/");
        var other = new BlobArtifactStore(container, "run2/");
        foreach (var name in new[] { "chunks/00000.csv", "chunks/00001.csv", "results/00000.csv", "plan.json" })
        {
            await store.WriteAsync(name, (s, ct) => s.WriteAsync(new byte[] { 42 }, ct).AsTask());
        }

        await other.WriteAsync("chunks/00000.csv", (s, ct) => s.WriteAsync(new byte[] { 1 }, ct).AsTask());

        await store.DeletePrefixAsync("chunks/");

        Assert.False(await store.ExistsAsync("chunks/00000.csv"));
        Assert.False(await store.ExistsAsync("chunks/00001.csv"));
        Assert.True(await store.ExistsAsync("results/00000.csv"));
        Assert.True(await store.ExistsAsync("plan.json"));
        Assert.True(await other.ExistsAsync("chunks/00000.csv"));
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("/rooted.txt")]
    [InlineData("a//b.txt")]
    public async Task Names_the_file_system_store_would_refuse_are_refused(string name)
    {
        var store = new BlobArtifactStore(_service.GetBlobContainerClient(AzuriteFixture.UniqueName("runs")), "r");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ExistsAsync(name));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
