using Kimera.Embeddings;
using Kimera.Geoids;
using Kimera.Judging;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Orchestration.Tests.Support;

/// <summary>The real orchestrator and activities on the in-process durable host, with the given stores and embedder.</summary>
public sealed class DurableHarness : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private DurableHarness(DurableTaskTestHost host) => _host = host;

    public DurableTaskClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    public static async Task<DurableHarness> StartAsync(
        ITextEmbedder embedder, IRunStoreFactory stores, IDatasetSourceResolver datasets, Action<IServiceCollection>? configure = null)
    {
        var host = await LoopbackPorts.StartOnFreePortAsync(port => DurableTaskTestHost.StartAsync(
            registry => registry.AddKimeraTasks(),
            new DurableTaskTestHostOptions
            {
                Port = port,
                ConfigureServices = services =>
                {
                    services.AddSingleton(embedder);
                    services.AddSingleton(new KimeraEngineOptions());
                    services.AddSingleton(stores);
                    services.AddSingleton(datasets);
                    configure?.Invoke(services);
                    services.AddKimeraOrchestration();
                },
            }));
        return new DurableHarness(host);
    }

    /// <summary>A Kimera-only request with short retries (tests must not wait out production back-offs).</summary>
    public static RunRequest Request(
        string dataset, int chunkSize = 5, int maxParallelChunks = 2, int bootstrap = 200, int folds = 3,
        IReadOnlyList<string>? judges = null, LlmRateLimits? llm = null, int maxAttempts = 3) =>
        new(dataset,
            new RunSpec { ChunkSize = chunkSize, MaxParallelChunks = maxParallelChunks, Judges = judges ?? [JudgeNames.Kimera], BootstrapResamples = bootstrap, Folds = folds },
            llm,
            new ActivityRetrySettings(maxAttempts, TimeSpan.FromMilliseconds(200), 2, TimeSpan.FromSeconds(1)));

    public async Task<OrchestrationMetadata> RunToCompletionAsync(RunRequest request, string instanceId)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, request, new StartOrchestrationOptions(instanceId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
