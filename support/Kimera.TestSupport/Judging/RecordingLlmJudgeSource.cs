using System.Collections.Concurrent;
using Kimera.Judging;
using Kimera.Judging.Definitions;

namespace Kimera.TestSupport.Judging;

/// <summary>Passes LLM judge building through to a real source and records the share of the limits and of the budget each
/// chunk's judges got. The plan's budget check builds the judges once for the whole run (a share without limits): only
/// chunks are recorded.</summary>
public sealed class RecordingLlmJudgeSource(ILlmJudgeSource inner) : ILlmJudgeSource
{
    private readonly ConcurrentQueue<(int RequestsPerMinute, int TokensPerMinute)> _shares = new();
    private readonly ConcurrentQueue<decimal> _fractions = new();
    private readonly ConcurrentQueue<decimal?> _runBudgets = new();

    /// <summary>Each chunk's requests and tokens per minute, in the order the chunks built their judges.</summary>
    public IReadOnlyList<(int RequestsPerMinute, int TokensPerMinute)> Shares => _shares.ToArray();

    /// <summary>Each chunk's fraction of the run's budget.</summary>
    public IReadOnlyList<decimal> Fractions => _fractions.ToArray();

    /// <summary>Each chunk's <see cref="LlmShare.RunBudgetUsd"/>: the run's own budget it takes its fraction of (null: the configured one).</summary>
    public IReadOnlyList<decimal?> RunBudgets => _runBudgets.ToArray();

    public string ResultSalt(JudgeDefinition judge) => inner.ResultSalt(judge);

    public IReadOnlyList<string> Problems(JudgeDefinition judge) => inner.Problems(judge);

    public LlmJudgeGroup Create(IReadOnlyList<JudgeDefinition> judges, IReadOnlyList<decimal> budgetFractions, LlmShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        if (share.RequestsPerMinute is { } requests)
        {
            _shares.Enqueue((requests, share.TokensPerMinute!.Value));
            _fractions.Enqueue(share.FractionOfRun);
            _runBudgets.Enqueue(share.RunBudgetUsd);
        }

        return inner.Create(judges, budgetFractions, share);
    }
}
