using Kimera.Orchestration.Contracts;
using Microsoft.DurableTask.Client;

namespace Kimera.Orchestration.Operations;

/// <summary>One run as the runs list shows it: what the orchestration's input, custom status and failure say, and what its
/// store's spend ledger says the LLM judges spent.</summary>
/// <param name="Id">The run id (the orchestration instance id, and the prefix of its artifacts).</param>
/// <param name="Dataset">The dataset name of its <see cref="RunRequest"/>; null when the backend kept no input.</param>
/// <param name="Status">The durable runtime status: Pending, Running, Completed, Failed, Terminated (a canceled run) or Suspended.</param>
/// <param name="Progress">The orchestration's custom status (stage, chunks and pairs done and planned); null before it set one.</param>
/// <param name="Judges">The judge names of the run, in column order.</param>
/// <param name="SpendUsd">What the run's LLM judges spent so far (<see cref="Kimera.Pipeline.Artifacts.LlmSpendLedger"/>: finished
/// chunks, the chunks' records, the run's record), the sum that a restart counts against the budget; null without an LLM judge.</param>
/// <param name="BudgetUsd">The LLM budget that applies to the run: its own (<c>budgetUsd</c> when it was started), else the app's
/// (<c>Kimera:Llm:BudgetUsd</c>); null without an LLM judge or a budget.</param>
/// <param name="Error">Why it failed; null unless it failed.</param>
/// <param name="Logs">Where its log lines and spans are: the KQL query on its run id, and the portal link when configured.</param>
public sealed record RunSummary(
    string Id,
    string? Dataset,
    OrchestrationRuntimeStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    RunStatus? Progress,
    IReadOnlyList<string> Judges,
    decimal? SpendUsd,
    decimal? BudgetUsd,
    RunError? Error,
    RunLogs Logs);
