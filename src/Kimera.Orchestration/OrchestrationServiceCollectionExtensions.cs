using Kimera.Embeddings;
using Kimera.Orchestration.Activities;
using Kimera.Orchestration.Judges;
using Kimera.Pipeline;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Kimera.Orchestration;

/// <summary>Registers what the activities need and adds the orchestrator and activities to a durable task registry.</summary>
/// <remarks>The host registers the parts that differ between places: <see cref="ITextEmbedder"/>,
/// <see cref="Kimera.Geoids.KimeraEngineOptions"/>, <see cref="IRunStoreFactory"/>, <see cref="IDatasetSourceResolver"/>,
/// and optionally <see cref="IEmbeddingCache"/>, <see cref="Kimera.Judging.IJudgementCache"/> and <see cref="ILlmJudgeFactory"/>.</remarks>
public static class OrchestrationServiceCollectionExtensions
{
    public static IServiceCollection AddKimeraOrchestration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => new EmbeddingLookup(
            provider.GetRequiredService<ITextEmbedder>(), provider.GetService<IEmbeddingCache>()));
        services.TryAddSingleton<RunPlanner>();
        services.TryAddSingleton<RunAggregator>();
        services.TryAddSingleton(provider => new ChunkProcessorFactory(
            provider.GetRequiredService<EmbeddingLookup>(),
            provider.GetRequiredService<Kimera.Geoids.KimeraEngineOptions>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetService<ILlmJudgeFactory>()));
        // A host that registers its own IPlanCheck (or several) replaces this default.
        services.TryAddSingleton<IPlanCheck>(provider => new LlmBudgetPlanCheck(provider.GetService<Kimera.Llm.LlmJudge>()));
        services.TryAddTransient<PlanRunActivity>();
        services.TryAddTransient<ProcessChunkActivity>();
        services.TryAddTransient<AggregateRunActivity>();
        return services;
    }

    /// <summary>Adds <see cref="BenchmarkOrchestrator"/> and its three activities under <see cref="OrchestrationNames"/>.</summary>
    public static DurableTaskRegistry AddKimeraTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<BenchmarkOrchestrator>()
            .AddActivity<PlanRunActivity>()
            .AddActivity<ProcessChunkActivity>()
            .AddActivity<AggregateRunActivity>();
    }
}
