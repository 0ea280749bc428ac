using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Judges;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Kimera.Pipeline.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Kimera.Orchestration.Activities;

/// <summary>ProcessChunk: embeds, runs the reactor and the judges on one chunk and writes its results; returns the chunk's summary.</summary>
/// <remarks>A chunk already done is not done again: <see cref="ChunkProcessor.ProcessAsync(RunPlan, int, IArtifactStore, CancellationToken)"/> returns the stored summary when
/// the chunk's artifacts verify, so an activity that finished but whose completion was lost (instance recycled) is not paid
/// for twice. The plan's fingerprint guards this, since a different plan clears the results before writing new chunks.
/// <para>Budget rule: each chunk may spend its pairs' fraction of the run's budget over all its attempts. A retry of a
/// chunk whose summary is stored spends nothing; a retry after an attempt that failed mid-way gets what that attempt left
/// of the share, because a failing attempt records what it spent in <c>results/NNNNN.llm-spend.json</c>. Only an
/// instance killed outright mid-chunk cannot record it; the answers it got are in the shared judgement cache, so its
/// retry does not buy them again.</para></remarks>
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
        // Every line written for this chunk (the judges', the HTTP client's, the stores') carries the run id.
        using var run = RunTelemetry.BeginRun(_logger, input.RunId, OrchestrationNames.ProcessChunk);
        var store = _stores.ForRun(input.RunId);

        // The LLM budget is split among chunks by their pairs: they run on instances that share no ledger.
        var fractionOfRun = (decimal)input.Plan.PairsInChunk(input.Index) / input.Plan.TotalPairs;
        using var lease = _processors.Create(input.Plan, input.LlmShare, fractionOfRun);

        // Done and whole: returned as it is. Damaged: its spend moves to the chunk's record first, so the reads below count it.
        if (await lease.Processor.ReadFinishedAsync(input.Plan, input.Index, store).ConfigureAwait(false) is { } done)
        {
            return done;
        }

        var spentEarlier = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var llm in lease.Llms)
        {
            var spent = await LlmSpendLedger.ReadUnaccountedAsync(store, RunArtifacts.ChunkLlmSpend(input.Index, llm.Name)).ConfigureAwait(false);
            spentEarlier[llm.Name] = spent;
            if (spent > 0)
            {
                llm.CountSpentEarlier(spent);
                LogSpentEarlier(input.RunId, input.Index, llm.Name, spent);
            }
        }

        try
        {
            return await lease.Processor.ProcessAsync(input.Plan, input.Index, store).ConfigureAwait(false);
        }
        catch (Exception) when (lease.Llms.Any(judge => judge.Stats.CostUsd > 0))
        {
            foreach (var judge in lease.Llms.Where(judge => judge.Stats.CostUsd > 0))
            {
                await LlmSpendLedger.WriteUnaccountedAsync(store, RunArtifacts.ChunkLlmSpend(input.Index, judge.Name), spentEarlier[judge.Name] + judge.Stats.CostUsd).ConfigureAwait(false);
            }

            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: chunk {Index} is retried with ${SpentEarlier} of judge {Judge}'s LLM budget share already spent by a failed attempt")]
    private partial void LogSpentEarlier(string runId, int index, string judge, decimal spentEarlier);
}
