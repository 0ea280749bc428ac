using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Functions.Configuration;
using Kimera.Functions.Http;
using Kimera.Functions.Triggers;
using Kimera.Judging;
using Kimera.Judging.Detector;
using Kimera.Llm;
using Kimera.Orchestration;
using Kimera.Pipeline;
using Kimera.Pipeline.Artifacts;
using Kimera.Storage.AzureAccount;
using Kimera.Storage.AzureBlobs;
using Kimera.Storage.AzureTables;
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

        // Section Kimera:Run: the defaults of runs started here are a RunSpec, bound and validated as every host binds it;
        // the activities' retry policy sits beside it.
        services.AddRunSpec(configuration);
        services.AddOptions<RunRetryOptions>().Bind(configuration.GetSection(RunSpec.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunRetryOptions>, RunRetryOptionsValidator>());

        services.AddKimeraStorage(configuration);
        services.AddKimeraOrchestration();
        services.TryAddSingleton<RunRequestFactory>();
        services.TryAddSingleton<RunsApi>();
        services.TryAddSingleton<DatasetRunStarter>();
        return services;
    }

    /// <summary>Datasets, run artifacts and the shared caches, all on the <c>AzureWebJobsStorage</c> account (see <see cref="WebJobsStorage"/>):
    /// the Blob dataset resolver (container <c>datasets</c>, version = ETag), the Blob run-store factory (container <c>runs</c>, prefix =
    /// run id) and the Table caches (<see cref="IEmbeddingCache"/> in <c>embeddings</c>, <see cref="IJudgementCache"/> in <c>judgements</c>).
    /// Registered with TryAdd so a host can register its own first.</summary>
    /// <remarks>There is no file-system variant: the Functions host needs that account anyway (durable task hub, blob trigger), so
    /// a local run of the app runs on Azurite; runs without any storage service are <c>kimera run</c>'s.</remarks>
    public static IServiceCollection AddKimeraStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.AddOptions<AzureStorageOptions>(WebJobsStorage.ConnectionName)
            .Configure(options => WebJobsStorage.Bind(configuration, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureStorageOptions>, WebJobsStorageValidator>());

        services.TryAddSingleton<WebJobsStorage>();
        services.TryAddSingleton<IDatasetSourceResolver>(provider =>
            new BlobDatasetSourceResolver(provider.GetRequiredService<WebJobsStorage>().Blobs, Names(provider).DatasetsContainer));
        services.TryAddSingleton<IRunStoreFactory>(provider =>
            new BlobRunStoreFactory(provider.GetRequiredService<WebJobsStorage>().Blobs, Names(provider).RunsContainer));
        // The chunk processor takes the embedding cache from here (EmbeddingLookup), the LLM judge the judgement cache (LlmJudgeSource).
        services.TryAddSingleton<IEmbeddingCache>(provider =>
            new TableEmbeddingCache(provider.GetRequiredService<WebJobsStorage>().Tables, Names(provider).EmbeddingsTable));
        services.TryAddSingleton<IJudgementCache>(provider =>
            new TableJudgementCache(provider.GetRequiredService<WebJobsStorage>().Tables, Names(provider).JudgementsTable));
        return services;

        static StorageOptions Names(IServiceProvider provider) => provider.GetRequiredService<IOptions<StorageOptions>>().Value;
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
