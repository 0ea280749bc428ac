using Kimera.Orchestration.Activities;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.DurableTask.Worker.Grpc;
using Newtonsoft.Json.Linq;

namespace Kimera.Orchestration.RealHost;

/// <summary>The functions of Kimera.Functions' OrchestrationFunctions, declared for the WebJobs host with the bindings the
/// Durable extension gives a dotnet-isolated worker: the orchestrator receives the base64 <c>OrchestratorRequest</c> and
/// returns the base64 <c>OrchestratorResponse</c> made by <see cref="GrpcOrchestrationRunner"/> (what the worker extension
/// calls), and the activities receive and return JSON.</summary>
public sealed class KimeraDurableFunctions(IServiceProvider services, ClientInfoSink clientInfo)
{
    /// <summary>Name of the function that reads the Durable client binding (the isolated worker's <c>[DurableClient]</c> input).</summary>
    public const string ClientInfoFunction = "KimeraClientInfo";

    [FunctionName(OrchestrationNames.Orchestrator)]
    public string Orchestrator([OrchestrationTrigger] string encodedRequest) =>
        GrpcOrchestrationRunner.LoadAndRun(encodedRequest, new BenchmarkOrchestrator(), services);

    [FunctionName(OrchestrationNames.ChunkGroup)]
    public string ChunkGroup([OrchestrationTrigger] string encodedRequest) =>
        GrpcOrchestrationRunner.LoadAndRun(encodedRequest, new ChunkGroupOrchestrator(), services);

    [FunctionName(OrchestrationNames.Plan)]
    public Task<JToken?> PlanAsync([ActivityTrigger] string input, string instanceId) =>
        IsolatedActivity.RunAsync<PlanRunActivity>(services, OrchestrationNames.Plan, input, instanceId);

    [FunctionName(OrchestrationNames.ProcessChunk)]
    public async Task<JToken?> ProcessChunkAsync([ActivityTrigger] string input, string instanceId)
    {
        // Only the tests' child hosts register a hold (ChildHostSettings.HoldChunksAfter).
        if (services.GetService(typeof(ChunkHold)) is ChunkHold hold)
        {
            await hold.BeforeChunkAsync(input).ConfigureAwait(false);
        }

        return await IsolatedActivity.RunAsync<ProcessChunkActivity>(services, OrchestrationNames.ProcessChunk, input, instanceId).ConfigureAwait(false);
    }

    [FunctionName(OrchestrationNames.Aggregate)]
    public Task<JToken?> AggregateAsync([ActivityTrigger] string input, string instanceId) =>
        IsolatedActivity.RunAsync<AggregateRunActivity>(services, OrchestrationNames.Aggregate, input, instanceId);

    /// <summary>The JSON the extension gives a worker's client binding; its <c>rpcBaseUrl</c> is the local gRPC endpoint.</summary>
    [FunctionName(ClientInfoFunction)]
    [NoAutomaticTrigger]
    public void ClientInfo([DurableClient] string info) => clientInfo.Set(info);
}

/// <summary>Receives the client binding's JSON from <see cref="KimeraDurableFunctions.ClientInfo"/>.</summary>
public sealed class ClientInfoSink
{
    private readonly TaskCompletionSource<string> _info = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> Info => _info.Task;

    public void Set(string info) => _info.TrySetResult(info);
}
