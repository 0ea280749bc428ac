using Kimera.Embeddings;
using Kimera.Functions.Http;
using Kimera.Functions.Triggers;
using Kimera.Orchestration;
using Kimera.Pipeline;
using Kimera.TestSupport;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Functions.Tests.Support;

/// <summary>The Functions app's own registrations (<see cref="FunctionsServiceCollectionExtensions.AddKimeraFunctions"/>)
/// on the in-process durable host, with a datasets folder holding mixed_quick.csv. Its client is the functions' client.</summary>
public sealed class FunctionsHarness : IAsyncDisposable
{
    public const string Dataset = "mixed_quick.csv";

    private readonly DurableTaskTestHost _host;
    private readonly TempDirectory _temp;

    private FunctionsHarness(DurableTaskTestHost host, TempDirectory temp)
    {
        _host = host;
        _temp = temp;
    }

    public DurableTaskClient Client => _host.Client;

    public RunsApi Api => _host.Services.GetRequiredService<RunsApi>();

    public DatasetRunStarter Starter => _host.Services.GetRequiredService<DatasetRunStarter>();

    public string RunsRoot => Path.Combine(_temp.Path, "runs");

    /// <param name="stores">Wraps the app's run-store factory (to hold a chunk back); null keeps it.</param>
    /// <param name="settings">Configuration added to (or overriding) the harness's own.</param>
    /// <param name="configure">Registrations made before the app's (which use TryAdd, so these win).</param>
    public static async Task<FunctionsHarness> StartAsync(
        ITextEmbedder embedder,
        Func<IRunStoreFactory, IRunStoreFactory>? stores = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "datasets"));
        File.Copy(RepoPaths.SharedDataset(Dataset), Path.Combine(temp.Path, "datasets", Dataset));
        var values = new Dictionary<string, string?>
        {
            ["Kimera:Storage:Root"] = temp.Path,
            ["Kimera:Run:ChunkSize"] = "5",
            ["Kimera:Run:MaxParallelChunks"] = "2",
            ["Kimera:Run:BootstrapResamples"] = "200",
            ["Kimera:Run:Folds"] = "3",
            ["Kimera:Run:RetryFirstInterval"] = "00:00:00.2",
            ["Kimera:Run:RetryMaxInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddKimeraTasks(),
            new DurableTaskTestHostOptions
            {
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
            });
        return new FunctionsHarness(host, temp);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _temp.Dispose();
    }
}
