using Kimera.Engine;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Functions.Configuration;
using Kimera.Functions.Http;
using Kimera.Functions.Triggers;
using Kimera.Judging;
using Kimera.Judging.Detector;
using Kimera.Llm;
using Kimera.Llm.Authentication;
using Kimera.Orchestration;
using Kimera.Orchestration.Operations;
using Kimera.Pipeline;
using Kimera.Storage;
using Kimera.Storage.AzureAccount;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kimera.Functions;

/// <summary>Everything the Functions app registers: validated options of section <c>Kimera</c>, the embedder, the judges,
/// storage, the orchestration's services and the HTTP and trigger handlers.</summary>
public static class FunctionsServiceCollectionExtensions
{
    public const string EmbeddingSection = EngineServiceCollectionExtensions.EmbeddingSection;

    public static IServiceCollection AddKimeraFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // The embedder and the engine's options, as kimera run registers them; the Kimera judge checks the engine's options.
        services.AddKimeraEngine(configuration);
        services.AddOptions<KimeraEngineOptions>()
            .Validate(ValidEngineOptions, "Kimera:Engine holds a value out of range (thresholds in [-1, 1], confidences in [0, 1]).");

        // The LLM judges only when an API key is configured (Kimera:Llm:ApiKey or OPENAI_API_KEY) or Kimera:Llm:Auth is azure,
        // as kimera run does; in Azure without a key, azure is the default (the app's managed identity, see LlmAuthDefault).
        services.TryAddSingleton<ILlmAccessTokenSource, AzureLlmTokenSource>();
        services.AddLlmJudges(LlmAuthDefault.Apply(configuration));

        // Section Kimera:Run: the defaults of runs started here are a RunSpec, bound and validated as every host binds it;
        // the activities' retry policy sits beside it.
        services.AddRunSpec(configuration);
        services.AddOptions<RunRetryOptions>().Bind(configuration.GetSection(RunSpec.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunRetryOptions>, RunRetryOptionsValidator>());

        services.AddKimeraStorage(configuration);
        services.AddKimeraOrchestration();
        // Section Kimera:Console: the Application Insights resource that a run's logsUrl opens (infra/ sets it).
        services.AddOptions<RunLogsOptions>().Bind(configuration.GetSection(RunLogsOptions.SectionName));
        services.TryAddSingleton<RunRequestFactory>();
        services.TryAddSingleton<RunsApi>();
        services.TryAddSingleton<RunsOperationsApi>();
        services.TryAddSingleton<DatasetRunStarter>();
        // Section Kimera:Upload: the console's dataset uploads (POST /api/datasets/{name}).
        services.AddOptions<DatasetUploadOptions>().Bind(configuration.GetSection(DatasetUploadOptions.SectionName))
            .Validate(options => options.MaxBytes > 0, $"{DatasetUploadOptions.SectionName}:MaxBytes must be a positive number of bytes.")
            .ValidateOnStart();
        services.TryAddSingleton<DatasetsApi>();
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
        // Kimera.Storage's adapters, as kimera run registers its caches; the chunk processor takes the embedding cache from
        // here (EmbeddingLookup), the LLM judge the judgement cache (LlmJudgeSource).
        services.AddKimeraBlobRuns(
            provider => provider.GetRequiredService<WebJobsStorage>().Blobs,
            provider => (Names(provider).DatasetsContainer, Names(provider).RunsContainer));
        services.AddKimeraTableCaches(
            provider => provider.GetRequiredService<WebJobsStorage>().Tables,
            provider => (Names(provider).EmbeddingsTable, Names(provider).JudgementsTable));
        return services;

        static StorageOptions Names(IServiceProvider provider) => provider.GetRequiredService<IOptions<StorageOptions>>().Value;
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
