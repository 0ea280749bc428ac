using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Judges;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Kimera.Orchestration.Activities;

/// <summary>ProcessChunk: embeds, runs the reactor and the judges on one chunk and writes its results; returns the chunk's summary.</summary>
/// <remarks>A chunk whose summary and results are already in the store is returned as it is: an activity that finished but
/// whose completion was lost (instance recycled) is not paid for twice. The plan's fingerprint guards this, since a
/// different plan clears the results before writing new chunks.</remarks>
[DurableTask(OrchestrationNames.ProcessChunk)]
public sealed partial class ProcessChunkActivity : TaskActivity<ChunkInput, ChunkSummary>
{
    private readonly IRunStoreFactory _stores;
    private readonly ChunkProcessorFactory _processors;
    private readonly ILogger<ProcessChunkActivity> _logger;

    public ProcessChunkActivity(IRunStoreFactory stores, ChunkProcessorFactory processors, ILogger<ProcessChunkActivity> logger)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(processors);
        ArgumentNullException.ThrowIfNull(logger);
        _stores = stores;
        _processors = processors;
        _logger = logger;
    }

    public override async Task<ChunkSummary> RunAsync(TaskActivityContext context, ChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var store = _stores.ForRun(input.RunId);
        var done = await PipelineJson.ReadAsync<ChunkSummary>(store, RunArtifacts.ChunkSummary(input.Index), CancellationToken.None).ConfigureAwait(false);
        if (done is not null && await store.ExistsAsync(RunArtifacts.ChunkResults(input.Index)).ConfigureAwait(false))
        {
            LogReused(input.RunId, input.Index);
            return done;
        }

        // The LLM budget is split among chunks by their pairs: they run on instances that share no ledger.
        var fractionOfRun = (decimal)input.Plan.PairsInChunk(input.Index) / input.Plan.TotalPairs;
        using var lease = _processors.Create(input.Plan, input.LlmShare, fractionOfRun);
        return await lease.Processor.ProcessAsync(input.Plan, input.Index, store).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: chunk {Index} was already done; its summary is reused")]
    private partial void LogReused(string runId, int index);
}
