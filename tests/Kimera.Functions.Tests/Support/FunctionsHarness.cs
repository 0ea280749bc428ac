using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Kimera.Engine.Embeddings;
using Kimera.Functions.Configuration;
using Kimera.Functions.Http;
using Kimera.Functions.Triggers;
using Kimera.Orchestration;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kimera.Functions.Tests.Support;

/// <summary>The Functions app's own registrations (<see cref="FunctionsServiceCollectionExtensions.AddKimeraFunctions"/>)
/// on the in-process durable host, its storage on Azurite through the <c>AzureWebJobsStorage</c> setting: fresh containers and
/// tables per harness (named by <c>Kimera:Storage:*</c>), mixed_quick.csv uploaded to its datasets container. Its client is the functions' client.</summary>
public sealed class FunctionsHarness : IAsyncDisposable
{
    public const string Dataset = "mixed_quick.csv";

    private readonly DurableTaskTestHost _host;

    private FunctionsHarness(DurableTaskTestHost host, BlobServiceClient blobs, TableServiceClient tables)
    {
        _host = host;
        Blobs = blobs;
        Tables = tables;
    }

    public DurableTaskClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    public RunsApi Api => _host.Services.GetRequiredService<RunsApi>();

    public DatasetRunStarter Starter => _host.Services.GetRequiredService<DatasetRunStarter>();

    /// <summary>The container and table names this harness's app uses.</summary>
    public StorageOptions Names => _host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

    /// <summary>The test's own clients on the same Azurite account (not the app's), to look at what the app stored.</summary>
    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    public BlobContainerClient DatasetsContainer => Blobs.GetBlobContainerClient(Names.DatasetsContainer);

    /// <param name="azurite">The emulator the app's <c>AzureWebJobsStorage</c> points at.</param>
    /// <param name="stores">Wraps the app's run-store factory (to hold a chunk back); null keeps it.</param>
    /// <param name="settings">Configuration added to (or overriding) the harness's own.</param>
    /// <param name="configure">Registrations made before the app's (which use TryAdd, so these win).</param>
    public static async Task<FunctionsHarness> StartAsync(
        ITextEmbedder embedder,
        AzuriteFixture azurite,
        Func<IRunStoreFactory, IRunStoreFactory>? stores = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Kimera:Storage:DatasetsContainer"] = AzuriteFixture.UniqueName("datasets"),
            ["Kimera:Storage:RunsContainer"] = AzuriteFixture.UniqueName("runs"),
            ["Kimera:Storage:EmbeddingsTable"] = AzuriteFixture.UniqueName("embeddings"),
            ["Kimera:Storage:JudgementsTable"] = AzuriteFixture.UniqueName("judgements"),
            ["Kimera:Run:ChunkSize"] = "5",
            ["Kimera:Run:Parallelism"] = "2",
            ["Kimera:Run:BootstrapResamples"] = "200",
            ["Kimera:Run:Folds"] = "3",
            ["Kimera:Run:RetryFirstInterval"] = "00:00:00.2",
            ["Kimera:Run:RetryMaxInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var datasets = blobs.GetBlobContainerClient(values["Kimera:Storage:DatasetsContainer"]);
        await datasets.CreateAsync();
        await datasets.GetBlobClient(Dataset).UploadAsync(RepoPaths.TestData(Dataset));

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        // The sidecar logs every gRPC request at Information unless told otherwise (see TestHostLogging).
        TestHostLogging.UseWarningUnlessSet();
        var host = await LoopbackPorts.StartOnFreePortAsync(port => DurableTaskTestHost.StartAsync(
            registry => registry.AddKimeraTasks(),
            new DurableTaskTestHostOptions
            {
                Port = port,
                ConfigureServices = services =>
                {
                    // Registered first: the app's TryAdd keeps the shared embedder rather than loading another.
                    services.AddSingleton(embedder);
                    configure?.Invoke(services);
                    services.AddKimeraFunctions(configuration);
                    if (stores is not null)
                    {
                        var original = services.Single(d => d.ServiceType == typeof(IRunStoreFactory));
                        services.Remove(original);
                        services.AddSingleton(provider => stores((IRunStoreFactory)original.ImplementationFactory!(provider)));
                    }
                },
            }));
        return new FunctionsHarness(host, blobs, new TableServiceClient(azurite.ConnectionString));
    }

    public async Task<OrchestrationMetadata> WaitAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>An artifact of run <paramref name="runId"/> as the app stored it (blob <c>&lt;runId&gt;/&lt;name&gt;</c> of the runs container), or null.</summary>
    public async Task<string?> ReadArtifactAsync(string runId, string name)
    {
        var blob = Blobs.GetBlobContainerClient(Names.RunsContainer).GetBlobClient($"{runId}/{name}");
        if (!await blob.ExistsAsync())
        {
            return null;
        }

        return (await blob.DownloadContentAsync()).Value.Content.ToString();
    }

    /// <summary>How many entities the table <paramref name="tableName"/> holds (0 when it does not exist).</summary>
    public async Task<int> CountEntitiesAsync(string tableName)
    {
        var count = 0;
        try
        {
            await foreach (var _ in Tables.GetTableClient(tableName).QueryAsync<TableEntity>(select: ["RowKey"]))
            {
                count++;
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }

        return count;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
