using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kimera.Engine;

/// <summary>Registers the engine as both hosts use it: <see cref="EmbeddingOptions"/> (section <see cref="EmbeddingSection"/>,
/// validated), one <see cref="OnnxSentenceEmbedder"/> as the process's <see cref="ITextEmbedder"/> (the ONNX session is
/// thread-safe and loading the model is the slow part), and <see cref="KimeraEngineOptions"/> (section
/// <see cref="KimeraEngineOptions.SectionName"/>). A host sets what its own inputs decide (a model path from the command
/// line, threads per chunk) with <c>PostConfigure&lt;EmbeddingOptions&gt;</c>.</summary>
public static class EngineServiceCollectionExtensions
{
    public const string EmbeddingSection = "Kimera:Embedding";

    public static IServiceCollection AddKimeraEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection(EmbeddingSection))
            .Validate(o => o.BatchSize >= 1 && o.MaxSequenceLength is >= 8 and <= 512, "Kimera:Embedding: BatchSize must be at least 1 and MaxSequenceLength between 8 and 512.")
            .ValidateOnStart();
        services.TryAddSingleton<ITextEmbedder>(provider => new OnnxSentenceEmbedder(provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value));
        services.AddOptions<KimeraEngineOptions>().Bind(configuration.GetSection(KimeraEngineOptions.SectionName)).ValidateOnStart();
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<KimeraEngineOptions>>().Value);
        return services;
    }
}
