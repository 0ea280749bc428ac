using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Pipeline.Stages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kimera.Pipeline;

/// <summary>Registers what both engines build a run from: the <see cref="EmbeddingLookup"/> over the host's
/// <see cref="ITextEmbedder"/> (and <see cref="IEmbeddingCache"/> when one is registered), the <see cref="JudgeCatalog"/> over
/// <see cref="KimeraEngineOptions"/> (and <see cref="ILlmJudgeSource"/> when one is registered), and the stages
/// <see cref="RunPlanner"/> and <see cref="RunAggregator"/>. Everything is try-added, so a host's own registration wins.</summary>
/// <remarks>The checks before the fan-out are <see cref="IPlanCheck"/>s registered by whoever owns them (the LLM judges'
/// by <c>AddLlmJudge</c>); both engines run every one registered.</remarks>
public static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddKimeraPipeline(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => new EmbeddingLookup(
            provider.GetRequiredService<ITextEmbedder>(), provider.GetService<IEmbeddingCache>()));
        services.TryAddSingleton(provider => new JudgeCatalog(
            provider.GetRequiredService<KimeraEngineOptions>(), provider.GetService<ILlmJudgeSource>()));
        services.TryAddSingleton<RunPlanner>();
        services.TryAddSingleton<RunAggregator>();
        return services;
    }
}
