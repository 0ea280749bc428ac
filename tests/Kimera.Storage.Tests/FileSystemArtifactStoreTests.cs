using System.Text;
using Kimera.Storage.FileSystem;
using Kimera.TestSupport;

namespace Kimera.Storage.Tests;

public sealed class FileSystemArtifactStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Written_artifact_reads_back_and_exists()
    {
        var store = new FileSystemArtifactStore(_directory.Path);
        await store.WriteAsync("results/00001.csv", (s, ct) => s.WriteAsync(Encoding.UTF8.GetBytes("a,b\n"), ct).AsTask());

        Assert.True(await store.ExistsAsync("results/00001.csv"));
        await using var stream = await store.OpenReadAsync("results/00001.csv");
        Assert.NotNull(stream);
        Assert.Equal("a,b\n", await new StreamReader(stream).ReadToEndAsync());
    }

    [Fact]
    public async Task Missing_artifact_opens_as_null()
    {
        var store = new FileSystemArtifactStore(_directory.Path);
        Assert.Null(await store.OpenReadAsync("nothing.json"));
        Assert.False(await store.ExistsAsync("nothing.json"));
    }

    [Fact]
    public async Task A_write_that_fails_leaves_no_artifact_and_no_temporary_file()
    {
        var store = new FileSystemArtifactStore(_directory.Path);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("plan.json", async (s, ct) =>
        {
            await s.WriteAsync(new byte[] { 1, 2, 3 }, ct);
            throw new InvalidOperationException("interrupted");
        }));

        Assert.False(await store.ExistsAsync("plan.json"));
        Assert.Empty(Directory.EnumerateFiles(_directory.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Delete_prefix_removes_only_matching_artifacts()
    {
        var store = new FileSystemArtifactStore(_directory.Path);
        foreach (var name in new[] { "chunks/00000.csv", "chunks/00001.csv", "results/00000.csv", "plan.json" })
        {
            await store.WriteAsync(name, (s, ct) => s.WriteAsync(new byte[] { 42 }, ct).AsTask());
        }

        await store.DeletePrefixAsync("chunks/");

        Assert.False(await store.ExistsAsync("chunks/00000.csv"));
        Assert.False(await store.ExistsAsync("chunks/00001.csv"));
        Assert.True(await store.ExistsAsync("results/00000.csv"));
        Assert.True(await store.ExistsAsync("plan.json"));
    }

    [Fact]
    public async Task Names_that_escape_the_root_are_refused()
    {
        var store = new FileSystemArtifactStore(_directory.Path);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ExistsAsync("../outside.txt"));
        Assert.Contains("../outside.txt", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
