using System.Text.Json;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Pipeline;

/// <summary>The local engine writes the int8 kernel the embedder ran with into report.json (<c>run.embedding_int8_kernel</c>).</summary>
public sealed class Int8KernelReportTests : IClassFixture<EmbedderFixture>, IDisposable
{
    private readonly EmbedderFixture _fixture;
    private readonly TempDirectory _temp = new();

    public Int8KernelReportTests(EmbedderFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Report_and_plan_name_the_int8_kernel_and_leave_it_null_for_fp32()
    {
        var dataset = RepoPaths.TestData("mixed_quick.csv");
        var named = new Int8KernelNamingEmbedder(_fixture.Embedder, "signed (avx512_vnni)");

        var int8 = await new PipelineHarness(named).RunAsync(dataset, _temp.File("int8"), chunkSize: 7, bootstrap: 0);
        var fp32 = await new PipelineHarness(_fixture.Embedder).RunAsync(dataset, _temp.File("fp32"), chunkSize: 7, bootstrap: 0);

        Assert.Equal("signed (avx512_vnni)", int8.Run.EmbeddingInt8Kernel);
        Assert.Null(fp32.Run.EmbeddingInt8Kernel);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_temp.File("int8"), RunArtifacts.Report)));
        Assert.Equal("signed (avx512_vnni)", report.RootElement.GetProperty("run").GetProperty("embedding_int8_kernel").GetString());
        using var plan = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_temp.File("int8"), RunArtifacts.Plan)));
        Assert.Equal("signed (avx512_vnni)", plan.RootElement.GetProperty("embedding_int8_kernel").GetString());
        using var fp32Plan = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_temp.File("fp32"), RunArtifacts.Plan)));
        Assert.False(fp32Plan.RootElement.TryGetProperty("embedding_int8_kernel", out _), "an fp32 plan names an int8 kernel");

        // The kernel is not part of the fingerprint: the model id names the vectors, and they are the same.
        Assert.Equal(fp32.Run.Fingerprint, int8.Run.Fingerprint);
    }

    public void Dispose() => _temp.Dispose();
}
