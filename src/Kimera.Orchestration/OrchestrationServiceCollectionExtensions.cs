using Kimera.Engine.Embeddings;
using Kimera.Judging;
using Kimera.Orchestration.Activities;
using Kimera.Orchestration.Judges;
using Kimera.Orchestration.Operations;
using Kimera.Pipeline;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Stages;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kimera.Orchestration;

/// <summary>Registers what the activities need and adds the orchestrator and activities to a durable task registry.</summary>
/// <remarks>The host registers the parts that differ between places: <see cref="ITextEmbedder"/>,
/// <see cref="Kimera.Engine.Geoids.KimeraEngineOptions"/>, <see cref="IRunStoreFactory"/>, <see cref="IDatasetSourceResolver"/>,
/// and optionally <see cref="IEmbeddingCache"/>, <see cref="Kimera.Judging.IJudgementCache"/>, <see cref="ILlmJudgeSource"/> and the
/// <see cref="IPlanCheck"/>s the Plan activity runs (<c>AddLlmJudge</c> registers the LLM judge's, as for the local engine).</remarks>
public static class OrchestrationServiceCollectionExtensions
{
    public static IServiceCollection AddKimeraOrchestration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The pieces both engines share (embedding lookup, judge catalog, plan and aggregate stages).
        services.AddKimeraPipeline();
        services.TryAddSingleton<ChunkProcessorFactory>();
        services.TryAddTransient<PlanRunActivity>();
        services.TryAddTransient<ProcessChunkActivity>();
        services.TryAddTransient<AggregateRunActivity>();
        // What an operator does to runs (list, cancel, restart, delete): over the host's IRunStoreFactory.
        services.TryAddSingleton<RunOperations>();
        return services;
    }

    /// <summary>Adds <see cref="BenchmarkOrchestrator"/>, its sub-orchestrator <see cref="ChunkGroupOrchestrator"/> and the three
    /// activities under <see cref="OrchestrationNames"/>.</summary>
    public static DurableTaskRegistry AddKimeraTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<BenchmarkOrchestrator>()
            .AddOrchestrator<ChunkGroupOrchestrator>()
            .AddActivity<PlanRunActivity>()
            .AddActivity<ProcessChunkActivity>()
            .AddActivity<AggregateRunActivity>();
    }
}
