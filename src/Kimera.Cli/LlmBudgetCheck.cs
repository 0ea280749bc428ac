using System.Globalization;
using Kimera.Geoids;
using Kimera.Judging;
using Kimera.Llm;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;

namespace Kimera.Cli;

/// <summary>Before the fan-out, estimates the LLM tokens of the pairs not yet cached and refuses a run over <c>--budget-usd</c>.</summary>
public sealed class LlmBudgetCheck : IPlanCheck
{
    private readonly LlmJudge _judge;
    private readonly TextWriter _notices;

    public LlmBudgetCheck(LlmJudge judge, TextWriter notices)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(notices);
        _judge = judge;
        _notices = notices;
    }

    public async Task CheckAsync(RunPlan plan, IArtifactStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        var pairs = new List<JudgeInput>(plan.TotalPairs);
        for (var i = 0; i < plan.ChunkCount; i++)
        {
            await using var stream = await store.OpenReadAsync(RunArtifacts.ChunkPairs(i), cancellationToken)
                ?? throw new InvalidOperationException($"Chunk {i} of the plan is missing from {store.Location}.");
            foreach (var pair in await ChunkPairsFile.ReadAsync(stream, cancellationToken))
            {
                // The estimate reads only the texts; no vector is needed to count tokens.
                pairs.Add(new JudgeInput(pair.PairId, new Geoid(pair.Text1, pair.Lang1, []), new Geoid(pair.Text2, pair.Lang2, [])));
            }
        }

        var estimate = await _judge.EstimateAsync(pairs, cancellationToken);
        await _notices.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"kimera run: LLM estimate: {estimate.Describe()}"));
        if (estimate.ExceedsBudget)
        {
            throw new RunRefusedException($"the LLM cost estimate is over --budget-usd: {estimate.Describe()}. Raise the budget or plan fewer pairs (--max-pairs).");
        }
    }
}
