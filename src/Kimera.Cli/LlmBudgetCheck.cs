using System.Globalization;
using Kimera.Llm;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;

namespace Kimera.Cli;

/// <summary>One <c>--budget-usd</c> across stops and resumes into the same run folder. Before the fan-out it counts what
/// earlier runs into the folder spent (<see cref="LlmSpendLedger"/>), charges it to the judge's ledger and, with a budget,
/// estimates the LLM tokens of the pairs still to judge (not cached, not in a finished chunk) and refuses a run whose estimate
/// is over the remaining budget. When the run ends (finished, failed or stopped) it records what this run spent outside
/// finished chunks: always, with or without a budget, so that a later run with one counts it.</summary>
public sealed class LlmBudgetCheck : IPlanCheck, IRunEndObserver
{
    private readonly LlmJudge _judge;
    private readonly TextWriter _notices;
    private readonly bool _estimate;
    private decimal? _spentBefore;

    /// <param name="estimate">Whether a budget was given: only then is the run estimated (and the estimate printed).</param>
    public LlmBudgetCheck(LlmJudge judge, TextWriter notices, bool estimate = true)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(notices);
        _judge = judge;
        _notices = notices;
        _estimate = estimate;
    }

    public async Task CheckAsync(RunPlan plan, IArtifactStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        var (inChunks, notDone) = await LlmSpendLedger.ReadChunksAsync(plan, store, _judge.Name, cancellationToken);
        var spent = inChunks + await LlmSpendLedger.ReadUnaccountedInRunAsync(plan, store, _judge.Name, cancellationToken);
        _judge.CountSpentEarlier(spent);
        _spentBefore = spent;
        if (!_estimate)
        {
            return;
        }

        var pairs = await ChunkPairsFile.ReadTextPairsAsync(store, notDone, cancellationToken);

        var estimate = await _judge.EstimateAsync(pairs, cancellationToken);
        var spentNote = string.Empty;
        if (spent > 0 && estimate.BudgetUsd is { } budget)
        {
            estimate = estimate with { BudgetUsd = Math.Max(0m, budget - spent) };
            spentNote = string.Create(CultureInfo.InvariantCulture, $" (left of --budget-usd ${budget:0.######} after ${spent:0.######} spent by earlier runs into this folder)");
        }

        if (estimate.ExceedsBudget)
        {
            // The refusal carries the estimate: printed once, by the command, not also as a notice first.
            throw new RunRefusedException($"the LLM cost estimate{Of()} is over --budget-usd: {estimate.Describe()}{spentNote}. Raise the budget or plan fewer pairs (--sample or --max-pairs).");
        }

        await _notices.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"kimera run: LLM estimate{Of()}: {estimate.Describe()}{spentNote}"));
    }

    /// <summary>Names the judge in messages when the run has judges other than the shorthand <c>llm</c>.</summary>
    private string Of() => _judge.Name == Judging.JudgeNames.Llm ? string.Empty : $" of judge '{_judge.Name}' (its part of the budget)";

    /// <summary>Records what this run spent that no finished chunk accounts for: the folder's spend before it, plus what
    /// the judge spent here, minus what the finished chunks and the chunks' own records (now) account for.</summary>
    public async Task RunEndedAsync(RunPlan plan, IArtifactStore store)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        if (_spentBefore is not { } before)
        {
            return;
        }

        var (inChunks, _) = await LlmSpendLedger.ReadChunksAsync(plan, store, _judge.Name, CancellationToken.None);
        var inChunkRecords = await LlmSpendLedger.ReadChunkRecordsAsync(plan.ChunkCount, store, _judge.Name, CancellationToken.None);
        var unaccounted = Math.Max(0m, before + _judge.Stats.CostUsd - inChunks - inChunkRecords);
        if (unaccounted != await LlmSpendLedger.ReadUnaccountedAsync(store, RunArtifacts.LlmSpendOf(_judge.Name), CancellationToken.None))
        {
            await LlmSpendLedger.WriteUnaccountedAsync(store, RunArtifacts.LlmSpendOf(_judge.Name), unaccounted, CancellationToken.None);
        }
    }
}
