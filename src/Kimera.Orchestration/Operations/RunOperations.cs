using Kimera.Judging.Definitions;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Kimera.Orchestration.Operations;

/// <summary>What an operator does to runs, over a <see cref="DurableTaskClient"/> and the runs' stores: list them, cancel one,
/// restart one where it stopped, delete one. The HTTP API (Kimera.Functions) only translates these to responses.</summary>
/// <remarks>A restart keeps the run id: the run's store (its plan, finished chunks and spend ledger) is found by the id, so the
/// restarted orchestration reuses the plan and every finished chunk, and its Plan activity counts what the earlier attempts
/// spent against the budget, as a resumed <c>kimera run</c> does.</remarks>
public sealed class RunOperations
{
    /// <summary>The runtime statuses of a run that has ended: it can be restarted or deleted, not canceled.</summary>
    public static readonly IReadOnlySet<OrchestrationRuntimeStatus> Finished = new HashSet<OrchestrationRuntimeStatus>
    {
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    };

    private const int QueryPageSize = 100;

    private readonly IRunStoreFactory _stores;
    private readonly LlmJudgeOptions _llm;
    private readonly RunLogsOptions _logs;

    public RunOperations(IRunStoreFactory stores, IOptions<LlmJudgeOptions> llm, IOptions<RunLogsOptions> logs)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(llm);
        ArgumentNullException.ThrowIfNull(logs);
        _stores = stores;
        _llm = llm.Value;
        _logs = logs.Value;
    }

    /// <summary>Where the logs of run <paramref name="runId"/> are: the KQL query, and the portal link when the app knows its
    /// Application Insights resource.</summary>
    public RunLogs LogsOf(string runId) => RunLogs.For(runId, _logs.ApplicationInsightsResourceId);

    /// <summary>A page of the runs (root orchestrations only, never their chunk-range sub-orchestrations), newest first.</summary>
    /// <remarks>The durable query has no order, so every run in the statuses asked for (created no later than the cursor) is read
    /// as metadata only, ordered here, and only the page's runs are read whole: their input, custom status and spend ledger.</remarks>
    public async Task<RunListPage> ListAsync(DurableTaskClient client, RunListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Top, RunListQuery.MaxTop);
        var cursor = query.ContinuationToken is null ? null
            : RunListCursor.Parse(query.ContinuationToken) ?? throw new ArgumentException($"'{query.ContinuationToken}' is not a continuation token of this list.", nameof(query));
        var durableQuery = new OrchestrationQuery
        {
            Statuses = query.Statuses is { Count: > 0 } statuses ? statuses : null,
            // A second of slack: backends differ on whether CreatedTo is inclusive and on its precision; the cursor decides exactly.
            CreatedTo = cursor?.CreatedAt.AddSeconds(1),
            FetchInputsAndOutputs = false,
            PageSize = QueryPageSize,
        };
        var runs = new List<OrchestrationMetadata>();
        await foreach (var instance in client.GetAllInstancesAsync(durableQuery).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (instance.Name == OrchestrationNames.Orchestrator && (cursor is null || cursor.IsBefore(instance)))
            {
                runs.Add(instance);
            }
        }

        runs.Sort(RunListCursor.NewestFirst);
        var page = runs.Take(query.Top).ToList();
        var summaries = new List<RunSummary>(page.Count);
        foreach (var run in page)
        {
            // Purged between the query and this read: left out.
            if (await GetAsync(client, run.InstanceId, cancellationToken).ConfigureAwait(false) is { } summary)
            {
                summaries.Add(summary);
            }
        }

        var next = runs.Count > query.Top ? RunListCursor.After(page[^1]).ToToken() : null;
        return new RunListPage(summaries, next);
    }

    /// <summary>One run as the list shows it, or null when there is no such run.</summary>
    public async Task<RunSummary?> GetAsync(DurableTaskClient client, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await FindAsync(client, id, cancellationToken).ConfigureAwait(false);
        return instance is null ? null : await SummarizeAsync(instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Terminates the run and its chunk-range sub-orchestrations. Chunks in flight finish their activity (the backend
    /// ignores their completion) and keep their artifacts, as every finished chunk does.</summary>
    public static async Task<RunOperationResult> CancelAsync(DurableTaskClient client, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await FindAsync(client, id, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return NotFound(id);
        }

        if (Finished.Contains(instance.RuntimeStatus))
        {
            return new RunOperationResult(RunOperationOutcome.Conflict, $"Run '{id}' has already finished ({instance.RuntimeStatus}); there is nothing to cancel.");
        }

        await client.TerminateInstanceAsync(id, new TerminateInstanceOptions(CanceledOutput, Recursive: true), cancellationToken).ConfigureAwait(false);
        // Not every backend honours Recursive (the in-process test host does not): the ranges still going are terminated by name too.
        foreach (var range in await ChunkRangesAsync(client, id, cancellationToken).ConfigureAwait(false))
        {
            if (!Finished.Contains(range.RuntimeStatus))
            {
                await client.TerminateInstanceAsync(range.InstanceId, new TerminateInstanceOptions(CanceledOutput, Recursive: true), cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        return new RunOperationResult(RunOperationOutcome.Done, $"Run '{id}' is being canceled; its finished chunks stay and a restart reuses them.");
    }

    /// <summary>The output a canceled run keeps.</summary>
    public const string CanceledOutput = "Canceled by an operator.";

    /// <summary>Starts the run again under the same id on the same request: its plan and finished chunks are reused, and the
    /// LLM spend of its earlier attempts counts against the budget. Only a run that failed or was canceled.</summary>
    public static async Task<RunOperationResult> RestartAsync(DurableTaskClient client, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await FindAsync(client, id, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return NotFound(id);
        }

        if (instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            var why = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                ? "it completed; its report is final"
                : "it has not finished; cancel it first";
            return new RunOperationResult(RunOperationOutcome.Conflict, $"Run '{id}' is {instance.RuntimeStatus}: only a failed or canceled run can be restarted, and {why}.");
        }

        var request = instance.ReadInputAs<RunRequest>()
            ?? throw new InvalidOperationException($"Run '{id}' has no input to restart from.");
        await client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, request, new StartOrchestrationOptions(id), cancellationToken)
            .ConfigureAwait(false);
        return new RunOperationResult(RunOperationOutcome.Done, $"Run '{id}' restarted: its finished chunks are reused and its earlier LLM spend counts against the budget.");
    }

    /// <summary>Purges the run's durable history (with its sub-orchestrations') and deletes its artifacts; refused while it runs.</summary>
    public async Task<RunOperationResult> DeleteAsync(DurableTaskClient client, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await FindAsync(client, id, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return NotFound(id);
        }

        if (!Finished.Contains(instance.RuntimeStatus))
        {
            return new RunOperationResult(RunOperationOutcome.Conflict, $"Run '{id}' is {instance.RuntimeStatus}; cancel it, or wait for it to finish, before deleting it.");
        }

        var ranges = await ChunkRangesAsync(client, id, cancellationToken).ConfigureAwait(false);
        await client.PurgeInstanceAsync(id, new PurgeInstanceOptions(Recursive: true), cancellationToken).ConfigureAwait(false);
        // Not every backend honours Recursive (the in-process test host does not): the ranges are purged by name too.
        foreach (var range in ranges)
        {
            await client.PurgeInstanceAsync(range.InstanceId, new PurgeInstanceOptions(Recursive: true), cancellationToken).ConfigureAwait(false);
        }

        // History first: a run without history is not listed, so artifacts left by a failure here are only storage, never a half run.
        await _stores.ForRun(id).DeletePrefixAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        return new RunOperationResult(RunOperationOutcome.Done, $"Run '{id}' deleted: its history and its artifacts are gone.");
    }

    /// <summary>The run's chunk-range sub-orchestrations (<see cref="ChunkFanOut.InstanceId"/>), at any depth.</summary>
    private static async Task<List<OrchestrationMetadata>> ChunkRangesAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { InstanceIdPrefix = ChunkFanOut.InstanceIdPrefix(id), FetchInputsAndOutputs = false, PageSize = QueryPageSize };
        var ranges = new List<OrchestrationMetadata>();
        await foreach (var range in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ranges.Add(range);
        }

        return ranges;
    }

    private static RunOperationResult NotFound(string id) => new(RunOperationOutcome.NotFound, $"There is no run '{id}'.");

    /// <summary>The run's root instance with its input and output (the request; the error on backends that keep it there), or
    /// null for an unknown id or a chunk-range sub-orchestration's.</summary>
    private static async Task<OrchestrationMetadata?> FindAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return instance?.Name == OrchestrationNames.Orchestrator ? instance : null;
    }

    private async Task<RunSummary> SummarizeAsync(OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        var request = instance.SerializedInput is null ? null : instance.ReadInputAs<RunRequest>();
        var judges = request?.Spec.ResolvedJudges() ?? [];
        var llmJudges = judges.Where(j => j.Kind == JudgeKinds.Llm).Select(j => j.Name).ToList();
        var progress = instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<RunStatus>();
        decimal? spend = llmJudges.Count == 0 ? null : await SpendAsync(instance.InstanceId, llmJudges, cancellationToken).ConfigureAwait(false);
        return new RunSummary(
            instance.InstanceId,
            request?.Dataset,
            instance.RuntimeStatus,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            progress,
            [.. judges.Select(j => j.Name)],
            spend,
            llmJudges.Count == 0 ? null : request?.Llm?.BudgetUsd ?? _llm.BudgetUsd,
            RunError.Of(instance),
            LogsOf(instance.InstanceId));
    }

    /// <summary>What the budget check of a restart would count: per LLM judge, its verified chunks' spend and the run's records.</summary>
    private async Task<decimal> SpendAsync(string runId, IReadOnlyList<string> llmJudges, CancellationToken cancellationToken)
    {
        var store = _stores.ForRun(runId);
        var plan = await PipelineJson.ReadAsync<RunPlan>(store, RunArtifacts.Plan, cancellationToken).ConfigureAwait(false);
        var total = 0m;
        foreach (var judge in llmJudges)
        {
            if (plan is null)
            {
                // Not planned (yet, or refused in its Plan): only the run's record can hold spend (the preflight request).
                total += await LlmSpendLedger.ReadUnaccountedAsync(store, RunArtifacts.LlmSpendOf(judge), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var (inChunks, _) = await LlmSpendLedger.ReadChunksAsync(plan, store, judge, cancellationToken).ConfigureAwait(false);
            total += inChunks + await LlmSpendLedger.ReadUnaccountedInRunAsync(plan, store, judge, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }
}
