namespace Kimera.Cli.Serve;

/// <summary>One run folder as the runs list shows it: the fields of the Functions app's <c>RunSummary</c> that apply to a
/// folder, in the same JSON shape (camelCase), so one console page reads both servers.</summary>
/// <param name="Id">The folder's name under the served directory.</param>
/// <param name="Dataset">The dataset name of its plan; null when the folder has no readable plan.</param>
/// <param name="RuntimeStatus">One of <see cref="LocalRunStatus"/>.</param>
/// <param name="CreatedAt">When <c>plan.json</c> was written (the folder's time when there is none).</param>
/// <param name="LastUpdatedAt">The newest write among the plan, the chunk summaries and the report.</param>
/// <param name="Progress">Chunks and pairs done out of the plan's; null without a plan.</param>
/// <param name="Judges">The plan's judge names, in column order.</param>
/// <param name="SpendUsd">What the LLM judges spent (the folder's spend ledger); null without an LLM judge.</param>
/// <param name="BudgetUsd">Always null: a run folder does not record the budget it ran under.</param>
/// <param name="Error">Why it failed; null unless <see cref="LocalRunStatus.Failed"/>.</param>
public sealed record LocalRunSummary(
    string Id,
    string? Dataset,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    LocalRunProgress? Progress,
    IReadOnlyList<string> Judges,
    decimal? SpendUsd,
    decimal? BudgetUsd,
    LocalRunError? Error);

/// <summary>The progress of a run folder, in the shape of the durable engine's <c>RunStatus</c>.</summary>
/// <param name="Stage">processing (chunks to do), aggregating (every chunk done, no report yet) or completed.</param>
public sealed record LocalRunProgress(string Stage, int ChunksDone, int ChunkCount, long PairsDone, long TotalPairs);

/// <summary>Why a run folder failed, in the shape of the durable engine's <c>RunError</c>.</summary>
public sealed record LocalRunError(string Type, string Message);
