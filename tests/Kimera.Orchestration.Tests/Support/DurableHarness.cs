using System.Text.Json.Nodes;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.RealHost;
using Kimera.Pipeline;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Orchestration.Tests.Support;

/// <summary>The real orchestrator and activities on one of the two durable backends (<see cref="DurableBackend"/>), with the
/// given stores and embedder; the tests talk to either through the same <see cref="DurableTaskClient"/>.</summary>
public sealed class DurableHarness : IAsyncDisposable
{
    private readonly IAsyncDisposable _host;

    private DurableHarness(DurableBackend backend, IAsyncDisposable host, DurableTaskClient client, IServiceProvider services, string? hubName)
    {
        Backend = backend;
        _host = host;
        Client = client;
        Services = services;
        HubName = hubName;
    }

    public DurableBackend Backend { get; }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services { get; }

    /// <summary>The task hub on Azurite (its queues, tables and containers are named after it); null in memory.</summary>
    public string? HubName { get; }

    /// <summary>How long a run of these tests' tiny datasets may take before the test gives up: generous, since the machine is
    /// shared and the Azure Storage provider polls its queues with back-off; a passing run ends far sooner.</summary>
    public TimeSpan RunCap => Backend == DurableBackend.AzureStorage ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(2);

    public static async Task<DurableHarness> StartAsync(
        DurableBackend backend,
        AzuriteFixture azurite,
        ITextEmbedder embedder,
        IRunStoreFactory stores,
        IDatasetSourceResolver datasets,
        Action<IServiceCollection>? configure = null,
        JsonObject? durableOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        void Register(IServiceCollection services)
        {
            services.AddSingleton(embedder);
            services.AddSingleton(new KimeraEngineOptions());
            services.AddSingleton(stores);
            services.AddSingleton(datasets);
            configure?.Invoke(services);
        }

        if (backend == DurableBackend.AzureStorage)
        {
            // A task hub per test on the shared emulator: hub names are letters and digits, 3-45 characters.
            var hub = "kb" + Guid.NewGuid().ToString("N")[..16];
            var real = await WebJobsDurableHost.StartAsync(azurite.ConnectionString, hub, Register, durableOverrides);
            return new DurableHarness(backend, real, real.Client, real.Services, hub);
        }

        // The sidecar logs every gRPC request at Information unless told otherwise (see TestHostLogging).
        TestHostLogging.UseWarningUnlessSet();
        var host = await LoopbackPorts.StartOnFreePortAsync(port => DurableTaskTestHost.StartAsync(
            registry => registry.AddKimeraTasks(),
            new DurableTaskTestHostOptions
            {
                Port = port,
                ConfigureServices = services =>
                {
                    Register(services);
                    services.AddKimeraOrchestration();
                },
            }));
        return new DurableHarness(backend, host, host.Client, host.Services, null);
    }

    /// <summary>A Kimera-only request with short retries (tests must not wait out production back-offs).</summary>
    public static RunRequest Request(
        string dataset, int chunkSize = 5, int maxParallelChunks = 2, int bootstrap = 200, int folds = 3,
        IReadOnlyList<string>? judges = null, LlmRateLimits? llm = null, int maxAttempts = 3,
        int fanOut = RunRequest.DefaultFanOut, int? sample = null) =>
        new(dataset,
            new RunSpec { ChunkSize = chunkSize, Parallelism = maxParallelChunks, Judges = judges ?? [JudgeNames.Kimera], BootstrapResamples = bootstrap, Folds = folds, Sample = sample },
            llm,
            new ActivityRetrySettings(maxAttempts, TimeSpan.FromMilliseconds(200), 2, TimeSpan.FromSeconds(1)),
            fanOut);

    /// <param name="cap">How long to wait before giving up; <see cref="RunCap"/> by default.</param>
    public async Task<OrchestrationMetadata> RunToCompletionAsync(RunRequest request, string instanceId, TimeSpan? cap = null)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, request, new StartOrchestrationOptions(instanceId));
        return await WaitAsync(instanceId, cap);
    }

    /// <summary>Waits for the instance to finish (the client polls its status), up to <paramref name="cap"/> or <see cref="RunCap"/>.</summary>
    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, TimeSpan? cap = null)
    {
        using var timeout = new CancellationTokenSource(cap ?? RunCap);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

/// <summary>Where the orchestration runs in a test.</summary>
public enum DurableBackend
{
    /// <summary>Microsoft.DurableTask.InProcessTestHost: an in-memory emulation of a durable backend, fast.</summary>
    InProcess,

    /// <summary>The Durable Functions extension on the Azure Storage provider over Azurite, as in Azure (<see cref="WebJobsDurableHost"/>).</summary>
    AzureStorage,
}
