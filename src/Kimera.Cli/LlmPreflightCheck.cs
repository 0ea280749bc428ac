using Kimera.Llm;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;

namespace Kimera.Cli;

/// <summary>Before the fan-out, sends the LLM judge's preflight request (<see cref="LlmJudge.PreflightAsync"/>) and
/// refuses the run (exit 2) when the endpoint is down, wrong or hangs; skipped when every pair of the chunks not yet
/// done is cached (or there is none).</summary>
public sealed class LlmPreflightCheck : IPlanCheck
{
    private readonly LlmJudge _judge;
    private readonly TextWriter _notices;

    public LlmPreflightCheck(LlmJudge judge, TextWriter notices)
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
        // Only the chunks still to do, as the budget check: a finished chunk's pairs will not be asked, so a re-run of a
        // finished folder sends nothing, even without a cache.
        var (_, notDone) = await LlmSpendLedger.ReadChunksAsync(plan, store, _judge.Name, cancellationToken);
        var pairs = await ChunkPairsFile.ReadTextPairsAsync(store, notDone, cancellationToken);

        var result = await _judge.PreflightAsync(pairs, cancellationToken);
        if (result.Failure is { } failure)
        {
            throw new RunRefusedException(
                $"{failure}. Nothing was judged. Check --llm-endpoint, --llm-model and {RunComposition.ApiKeyVariable}, or leave the LLM out (--judges kimera).");
        }

        if (result.Sent)
        {
            await _notices.WriteLineAsync("kimera run: the LLM endpoint answered the preflight request.");
        }
    }
}
