using Kimera.Embeddings;
using Kimera.Functions.Configuration;
using Kimera.Functions.Http;
using Kimera.Functions.Triggers;
using Kimera.Geoids;
using Kimera.Judging;
using Kimera.Llm;
using Kimera.Orchestration;
using Kimera.Orchestration.Judges;
using Kimera.Pipeline;
using Kimera.Storage.FileSystem;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kimera.Functions;

/// <summary>Everything the Functions app registers: validated options of section <c>Kimera</c>, the embedder, the judges,
/// storage, the orchestration's services and the HTTP and trigger handlers.</summary>
public static class FunctionsServiceCollectionExtensions
{
    public const string EmbeddingSection = "Kimera:Embedding";

    public static IServiceCollection AddKimeraFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection(EmbeddingSection))
            .Validate(o => o.BatchSize >= 1 && o.MaxSequenceLength is >= 8 and <= 512, "Kimera:Embedding: BatchSize must be at least 1 and MaxSequenceLength between 8 and 512.")
            .ValidateOnStart();
        // One embedder per process: the ONNX session is thread-safe and loading the model is the slow part.
        services.TryAddSingleton<ITextEmbedder>(provider => new OnnxSentenceEmbedder(provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value));

        services.AddOptions<KimeraEngineOptions>().Bind(configuration.GetSection(KimeraEngineOptions.SectionName))
            .Validate(ValidEngineOptions, "Kimera:Engine holds a value out of range (thresholds in [-1, 1], confidences in [0, 1]).")
            .ValidateOnStart();
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<KimeraEngineOptions>>().Value);

        AddLlm(services, configuration);

        services.AddOptions<RunDefaultsOptions>().Bind(configuration.GetSection(RunDefaultsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunDefaultsOptions>, RunDefaultsOptionsValidator>());

        services.AddKimeraStorage(configuration);
        services.AddKimeraOrchestration();
        services.TryAddSingleton<RunRequestFactory>();
        services.TryAddSingleton<RunsApi>();
        services.TryAddSingleton<DatasetRunStarter>();
        return services;
    }

    /// <summary>Datasets and run artifacts. SEAM(azure-storage): today both are folders under <see cref="StorageOptions.Root"/>;
    /// the Azure deployment registers here instead the Blob run-store factory (container <c>runs</c>, prefix = run id), the Blob
    /// dataset resolver (container <c>datasets</c>, version = ETag) and the Table caches (<c>IEmbeddingCache</c>,
    /// <c>IJudgementCache</c>), all on the <c>AzureWebJobsStorage</c> connection. Registered with TryAdd so a host can
    /// register its own first.</summary>
    public static IServiceCollection AddKimeraStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "Kimera:Storage:Root must name a folder.")
            .ValidateOnStart();
        services.TryAddSingleton<IRunStoreFactory>(provider =>
            new FileSystemRunStoreFactory(Path.Combine(provider.GetRequiredService<IOptions<StorageOptions>>().Value.Root, "runs")));
        services.TryAddSingleton<IDatasetSourceResolver>(provider =>
            new FolderDatasetSourceResolver(Path.Combine(provider.GetRequiredService<IOptions<StorageOptions>>().Value.Root, "datasets")));
        return services;
    }

    /// <summary>The LLM judge only when an API key is configured (<c>Kimera:Llm:ApiKey</c> or <c>OPENAI_API_KEY</c>);
    /// without one, runs are Kimera-only and a request for the LLM judge is refused with a message saying why.</summary>
    private static void AddLlm(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LlmJudgeOptions.SectionName);
        var environmentKey = configuration["OPENAI_API_KEY"];
        if (string.IsNullOrWhiteSpace(section["ApiKey"]) && string.IsNullOrWhiteSpace(environmentKey))
        {
            // The limits are still read (they size nothing without a judge), so RunRequestFactory can resolve them.
            services.AddOptions<LlmJudgeOptions>().Bind(section);
            return;
        }

        services.AddLlmJudge(section);
        services.PostConfigure<LlmJudgeOptions>(o => o.ApiKey = string.IsNullOrWhiteSpace(o.ApiKey) ? environmentKey : o.ApiKey);
        services.AddOptions<LlmJudgeOptions>().ValidateOnStart();
        services.TryAddSingleton<ILlmJudgeFactory, LlmJudgeFactory>();
    }

    private static bool ValidEngineOptions(KimeraEngineOptions options)
    {
        try
        {
            // The engine's own constructor checks every threshold and confidence.
            _ = new KimeraJudge(options);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
