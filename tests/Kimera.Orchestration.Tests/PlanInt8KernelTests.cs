using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Orchestration.Activities;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Judges;
using Kimera.Pipeline;
using Kimera.Pipeline.Stages;
using Kimera.Storage.FileSystem;
using Kimera.TestSupport;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Orchestration.Tests;

/// <summary>
/// The durable engine's Plan activity records the int8 kernel of its process in the plan, from which the Aggregate
/// activity's <see cref="RunAggregator"/> (the local engine's, tested there) writes <c>run.embedding_int8_kernel</c>.
/// </summary>
public sealed class PlanInt8KernelTests : IClassFixture<EmbedderFixture>, IDisposable
{
    private readonly EmbedderFixture _fixture;
    private readonly TempDirectory _temp = new();

    public PlanInt8KernelTests(EmbedderFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("unsigned (cpu: none)")]
    [InlineData(null)]
    public async Task Plan_activity_records_the_kernel_its_processor_reports(string? kernel)
    {
        ITextEmbedder embedder = kernel is null ? _fixture.Embedder : new Int8KernelNamingEmbedder(_fixture.Embedder, kernel);
        var catalog = new JudgeCatalog(new KimeraEngineOptions());
        var processors = new ChunkProcessorFactory(new EmbeddingLookup(embedder, null), catalog, NullLoggerFactory.Instance);
        var dataset = RepoPaths.TestData("mixed_quick.csv");
        var activity = new PlanRunActivity(
            new FolderDatasetSourceResolver(Path.GetDirectoryName(dataset)!),
            new FileSystemRunStoreFactory(_temp.Path),
            new RunPlanner(NullLogger<RunPlanner>.Instance),
            processors,
            [],
            NullLogger<PlanRunActivity>.Instance);

        var plan = await activity.RunAsync(new Context("run-1"), new PlanInput("run-1", Request));

        Assert.Equal(kernel, plan.EmbeddingInt8Kernel);
        Assert.Equal(20, plan.TotalPairs);
    }

    public void Dispose() => _temp.Dispose();

    private static RunRequest Request => new(
        "mixed_quick.csv",
        new RunSpec { ChunkSize = 5, Judges = [JudgeNames.Kimera] },
        null,
        new ActivityRetrySettings(1, TimeSpan.FromMilliseconds(200), 2, TimeSpan.FromSeconds(1)),
        RunRequest.DefaultFanOut);

    private sealed class Context(string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = new(OrchestrationNames.Plan);

        public override string InstanceId { get; } = instanceId;
    }
}
