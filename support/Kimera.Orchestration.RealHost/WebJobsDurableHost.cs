using System.Text;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using Kimera.TestSupport;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Config;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Orchestration.RealHost;

/// <summary>The orchestration hosted as Azure Functions hosts it: the WebJobs host with the Durable Functions extension on the
/// Azure Storage provider (the settings of the repository's host.json, a task hub of its own), speaking the isolated-worker
/// protocol, with the project's orchestrator and activities as its functions; and a portable <see cref="DurableTaskClient"/>
/// over the extension's local gRPC endpoint, the client an isolated worker's <c>[DurableClient]</c> gets.</summary>
/// <remarks>What is not the Functions host: no language-worker process (functions are invoked in-process through the glue of
/// <see cref="KimeraDurableFunctions"/>), no scale controller, and no host.json parsing by the Functions runtime (its
/// <c>extensions.durableTask</c> section is bound to the extension's options the way WebJobs binds extension options).</remarks>
public sealed class WebJobsDurableHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly GrpcChannel _channel;

    private WebJobsDurableHost(IHost host, GrpcChannel channel, DurableTaskClient client, string hubName, string grpcAddress)
    {
        _host = host;
        _channel = channel;
        Client = client;
        HubName = hubName;
        GrpcAddress = grpcAddress;
    }

    public DurableTaskClient Client { get; }

    public string HubName { get; }

    /// <summary>The extension's local gRPC endpoint (what the client binding hands the worker).</summary>
    public string GrpcAddress { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="connectionString">The storage account of the task hub (Azurite).</param>
    /// <param name="hubName">The task hub: its queues, tables and blob containers are named after it.</param>
    /// <param name="configureServices">Registers what the activities need (see AddKimeraOrchestration); the orchestration's own services are added after it.</param>
    /// <param name="durableOverrides">Settings of <c>extensions.durableTask</c> that differ from host.json (e.g. shorter queue visibility for crash tests).</param>
    public static async Task<WebJobsDurableHost> StartAsync(
        string connectionString,
        string hubName,
        Action<IServiceCollection> configureServices,
        JsonObject? durableOverrides = null,
        LogLevel minimumLogLevel = LogLevel.None,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(hubName);
        ArgumentNullException.ThrowIfNull(configureServices);

        var host = new HostBuilder()
            .UseEnvironment(Environments.Development)
            .ConfigureWebJobs(webJobs => webJobs.AddDurableTask())
            .ConfigureAppConfiguration(configuration =>
            {
                configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(HostJsonSettings(hubName, durableOverrides).ToJsonString())));
                configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    // The connection host.json names (storageProvider.connectionStringName).
                    ["AzureWebJobsStorage"] = connectionString,
                    // Makes the extension use the isolated-worker protocol (MiddlewarePassthrough + local gRPC endpoint), as in the app.
                    ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
                    // Set on some machines (containers): with it the extension believes it runs on Linux Consumption and starts
                    // Linux App Service telemetry (DefaultPlatformInformation.IsInLinuxConsumption). The name resolver reads
                    // configuration, where this empty value shadows the environment variable.
                    ["CONTAINER_NAME"] = string.Empty,
                });
            })
            .ConfigureLogging(logging =>
            {
                logging.ClearProviders();
                logging.SetMinimumLevel(minimumLogLevel);
                if (minimumLogLevel < LogLevel.None)
                {
                    logging.AddSimpleConsole(options => options.SingleLine = true);
                }
            })
            .ConfigureServices(services =>
            {
                services.AddSingleton<ITypeLocator>(new FunctionTypes(typeof(KimeraDurableFunctions)));
                services.AddSingleton<IJobActivator, ServiceProviderJobActivator>();
                services.AddSingleton<ClientInfoSink>();
                // The Functions host supplies the app's webhook URL; the client binding builds the (unused here) HTTP management
                // URLs from it and fails without one.
#pragma warning disable CS0618 // IWebHookProvider is marked "not ready for public consumption"; it is the extension's only source of that URL.
                services.AddSingleton<IWebHookProvider, LocalWebhook>();
#pragma warning restore CS0618
                configureServices(services);
                services.AddKimeraOrchestration();
            })
            .Build();

        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Ask the extension for the client binding the way a worker's [DurableClient] input does.
            var jobHost = host.Services.GetRequiredService<IJobHost>();
            await jobHost.CallAsync(KimeraDurableFunctions.ClientInfoFunction, cancellationToken: cancellationToken).ConfigureAwait(false);
            var info = JsonNode.Parse(await host.Services.GetRequiredService<ClientInfoSink>().Info.WaitAsync(cancellationToken).ConfigureAwait(false))!;
            var address = info["rpcBaseUrl"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"The Durable client binding has no rpcBaseUrl: {info.ToJsonString()}");
            var channel = GrpcChannel.ForAddress(address);
            var client = new GrpcDurableTaskClient(hubName, new GrpcDurableTaskClientOptions { Channel = channel }, NullLogger.Instance);
            return new WebJobsDurableHost(host, channel, client, hubName, address);
        }
        catch
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            host.Dispose();
            throw;
        }
    }

    /// <summary>host.json's <c>extensions.durableTask</c> under the key WebJobs binds extension options from, with this test's hub.</summary>
    public static JsonObject HostJsonSettings(string hubName, JsonObject? overrides = null)
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "host.json")))!;
        var durable = hostJson["extensions"]?["durableTask"]?.DeepClone().AsObject()
            ?? throw new InvalidOperationException("host.json has no extensions.durableTask section.");
        durable["hubName"] = hubName;
        Merge(durable, overrides);
        return new JsonObject { ["AzureWebJobs"] = new JsonObject { ["extensions"] = new JsonObject { ["durableTask"] = durable } } };
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        _channel.Dispose();
        try
        {
            await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }

    private static void Merge(JsonObject target, JsonObject? overrides)
    {
        if (overrides is null)
        {
            return;
        }

        foreach (var (key, value) in overrides)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>Indexes only the given function classes (WebJobs would otherwise scan every loaded assembly).</summary>
    private sealed class FunctionTypes(params Type[] types) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => types;
    }

    /// <summary>Where the Functions host would serve the extension's webhooks; nothing listens there, nothing here calls it.</summary>
#pragma warning disable CS0618 // See the registration above.
    private sealed class LocalWebhook : IWebHookProvider
#pragma warning restore CS0618
    {
        public Uri GetUrl(IExtensionConfigProvider extension) => new("http://127.0.0.1/runtime/webhooks/durabletask");
    }

    /// <summary>Function classes come from the host's container, like the isolated worker's function classes do.</summary>
    private sealed class ServiceProviderJobActivator(IServiceProvider services) : IJobActivator
    {
        public T CreateInstance<T>() => ActivatorUtilities.GetServiceOrCreateInstance<T>(services);
    }
}
