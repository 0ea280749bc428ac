using System.Globalization;
using System.Runtime.CompilerServices;
using Kimera.Judging;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kimera.Llm;

/// <summary>The one check before the fan-out of a run with LLM judges, for both engines (the local engine after its Plan,
/// the durable engine in its Plan activity), on the judges the <see cref="JudgeCatalog"/> built for the run. For each LLM
/// judge, in column order:
/// <list type="number">
/// <item>Counts what earlier runs into the same run store spent (<see cref="LlmSpendLedger"/>: finished chunks, the chunks'
/// records, the store's record) and charges it to the judge's ledger, so one budget holds across stops, restarts and resumes.</item>
/// <item>With a budget, estimates the LLM tokens of the pairs still to judge (not cached, not in a finished chunk) and
/// refuses a run whose estimate is over what the earlier runs left of the budget.</item>
/// <item>Sends the preflight request (<see cref="LlmJudge.PreflightAsync"/>) and refuses the run when the endpoint is down,
/// wrong or hangs; skipped when every pair still to judge is cached (or there is none).</item>
/// </list>
/// When the judges are done in this process (<see cref="IRunEndObserver"/>) it records in the store what they spent that no
/// finished chunk accounts for (the preflight request, attempts cut short), with or without a budget, so that a later run
/// with one counts it.</summary>
public sealed partial class LlmPreRunCheck : IPlanCheck, IRunEndObserver
{
    private readonly LlmPreRunWording _wording;
    private readonly IRunNotices? _notices;
    private readonly ILogger _logger;

    /// <summary>What the store said each judge had spent before it: the start of its <see cref="RunEndedAsync"/> sum.</summary>
    private readonly ConditionalWeakTable<LlmJudge, StrongBox<decimal>> _spentBefore = [];

    /// <param name="notices">Where the estimate and the preflight's answer are told; logged when absent.</param>
    public LlmPreRunCheck(IOptions<LlmPreRunWording> wording, ILogger<LlmPreRunCheck>? logger = null, IRunNotices? notices = null)
    {
        ArgumentNullException.ThrowIfNull(wording);
        _wording = wording.Value;
        _notices = notices;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task CheckAsync(RunPlan plan, IArtifactStore store, IReadOnlyList<IPairJudge> judges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(judges);
        foreach (var judge in judges.OfType<LlmJudge>())
        {
            // Budget first (no request), then one real request to the endpoint.
            var notDone = await CountEarlierSpendAsync(judge, plan, store, cancellationToken).ConfigureAwait(false);
            var pairs = await ChunkPairsFile.ReadTextPairsAsync(store, notDone, cancellationToken).ConfigureAwait(false);
            await EstimateAsync(judge, pairs, cancellationToken).ConfigureAwait(false);
            await PreflightAsync(judge, pairs, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Charges the judge with what the store says was spent, and returns the chunks not done: only their pairs will be asked.</summary>
    private async Task<IReadOnlyList<int>> CountEarlierSpendAsync(LlmJudge judge, RunPlan plan, IArtifactStore store, CancellationToken cancellationToken)
    {
        var (inChunks, notDone) = await LlmSpendLedger.ReadChunksAsync(plan, store, judge.Name, cancellationToken).ConfigureAwait(false);
        var spent = inChunks + await LlmSpendLedger.ReadUnaccountedInRunAsync(plan, store, judge.Name, cancellationToken).ConfigureAwait(false);
        judge.CountSpentEarlier(spent);
        _spentBefore.AddOrUpdate(judge, new StrongBox<decimal>(spent));
        return notDone;
    }

    private async Task EstimateAsync(LlmJudge judge, IReadOnlyList<JudgeInput> pairs, CancellationToken cancellationToken)
    {
        if (judge.BudgetUsd is null)
        {
            // Without a budget nothing is refused: the spend is only counted (and recorded when the run ends).
            return;
        }

        var spent = _spentBefore.TryGetValue(judge, out var before) ? before.Value : 0m;
        var estimate = await judge.EstimateAsync(pairs, cancellationToken).ConfigureAwait(false);
        var spentNote = string.Empty;
        if (spent > 0 && estimate.BudgetUsd is { } budget)
        {
            estimate = estimate with { BudgetUsd = Math.Max(0m, budget - spent) };
            spentNote = string.Create(
                CultureInfo.InvariantCulture,
                $" (left of {_wording.BudgetSetting} ${budget:0.######} after ${spent:0.######} spent by earlier runs into {_wording.EarlierRunsInto})");
        }

        if (estimate.ExceedsBudget)
        {
            // The refusal carries the estimate: told once, by whoever reports the refusal, not also as a notice first.
            throw new RunRefusedException(
                $"the LLM cost estimate{Of(judge)} is over {_wording.BudgetSetting}: {estimate.Describe()}{spentNote}. Raise the budget or plan fewer pairs ({_wording.FewerPairs}).");
        }

        await NoticeAsync($"LLM estimate{Of(judge)}: {estimate.Describe()}{spentNote}", cancellationToken).ConfigureAwait(false);
    }

    private async Task PreflightAsync(LlmJudge judge, IReadOnlyList<JudgeInput> pairs, CancellationToken cancellationToken)
    {
        var result = await judge.PreflightAsync(pairs, cancellationToken).ConfigureAwait(false);
        if (result.Failed)
        {
            throw new RunRefusedException(Refusal(result, _wording));
        }

        if (result.Sent)
        {
            await NoticeAsync("the LLM endpoint answered the preflight request.", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Why a run whose preflight failed is refused, with what to change: the output-token limit for an answer cut
    /// at it, the setting behind a refused request parameter, the response format or the model for an answer that is not the
    /// verdict, otherwise the endpoint, model and key (in <paramref name="wording"/>'s names).</summary>
    internal static string Refusal(LlmPreflightResult result, LlmPreRunWording wording)
    {
        var advice = result switch
        {
            { AnswerCut: true } => LlmErrorWording.OutputLimitAdvice,
            { RejectedParameter: { } parameter } => wording.ParameterAdvice(parameter),
            { AnswerUnparsable: true } => wording.UnparsableAdvice,
            _ => wording.PreflightAdvice,
        };
        return $"{result.Failure}. Nothing was judged. {advice}.";
    }

    /// <summary>Records what the judges spent that no finished chunk accounts for: the store's spend before them, plus what
    /// each judge spent here, minus what the finished chunks and the chunks' own records (now) account for.</summary>
    public async Task RunEndedAsync(RunPlan plan, IArtifactStore store, IReadOnlyList<IPairJudge> judges)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(judges);
        foreach (var judge in judges.OfType<LlmJudge>())
        {
            if (!_spentBefore.TryGetValue(judge, out var before))
            {
                continue;
            }

            _spentBefore.Remove(judge);
            var (inChunks, _) = await LlmSpendLedger.ReadChunksAsync(plan, store, judge.Name, CancellationToken.None).ConfigureAwait(false);
            var inChunkRecords = await LlmSpendLedger.ReadChunkRecordsAsync(plan.ChunkCount, store, judge.Name, CancellationToken.None).ConfigureAwait(false);
            var unaccounted = Math.Max(0m, before.Value + judge.Stats.CostUsd - inChunks - inChunkRecords);
            var record = RunArtifacts.LlmSpendOf(judge.Name);
            if (unaccounted != await LlmSpendLedger.ReadUnaccountedAsync(store, record, CancellationToken.None).ConfigureAwait(false))
            {
                await LlmSpendLedger.WriteUnaccountedAsync(store, record, unaccounted, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Names the judge in messages when it is not the shorthand <c>llm</c>.</summary>
    private static string Of(LlmJudge judge) => judge.Name == JudgeNames.Llm ? string.Empty : $" of judge '{judge.Name}' (its part of the budget)";

    private async Task NoticeAsync(string notice, CancellationToken cancellationToken)
    {
        if (_notices is not null)
        {
            await _notices.NoticeAsync(notice, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            LogNotice(notice);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Before the fan-out: {Notice}")]
    private partial void LogNotice(string notice);
}
