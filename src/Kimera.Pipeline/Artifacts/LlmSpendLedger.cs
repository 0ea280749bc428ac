using System.Text.Json;
using Kimera.Judging.Definitions;
using Kimera.Pipeline.Model;

namespace Kimera.Pipeline.Artifacts;

/// <summary>What the LLM judge has spent toward one budget, kept in the run's store so that stops, resumes and retries
/// share it. Finished chunks account for their own spend (the LLM tally of their summary, written with their results);
/// a small record holds the rest: money spent by attempts that ended before writing a summary.</summary>
/// <remarks>The local engine keeps that record for the whole folder (<see cref="RunArtifacts.LlmSpend"/>), written when a
/// run ends in any way short of the process being killed outright; the durable engine keeps one per chunk
/// (<see cref="RunArtifacts.ChunkLlmSpend(int, string)"/>), written when an attempt fails. Both engines also write the
/// chunk's record when a chunk is redone because its artifacts do not verify, and a re-plan carries everything into the
/// folder's record, so damage never makes paid money be forgotten. A process killed outright (SIGKILL, power
/// loss) cannot record what its unfinished chunks spent; finished chunks are never lost from the ledger.</remarks>
public static class LlmSpendLedger
{
    /// <summary>The record: US dollars spent that no chunk summary accounts for.</summary>
    public sealed record Record(decimal UnaccountedUsd);

    /// <summary>What a chunk summary says the judge <paramref name="judge"/> spent (0 when it did not run).</summary>
    public static decimal SpentIn(ChunkSummary summary, string judge)
    {
        ArgumentNullException.ThrowIfNull(summary);
        // A rejected summary may lack its judges (it does not describe this plan's chunk): then it vouches for no spend.
        return summary.Judges is not null && summary.Judges.TryGetValue(judge, out var tally) ? Math.Round((decimal)tally.CostUsd, 9) : 0m;
    }

    /// <summary>The unaccounted spend recorded under <paramref name="name"/>; 0 when there is none. A damaged record
    /// is an error rather than a zero: silently forgetting money spent would break the budget.</summary>
    public static async Task<decimal> ReadUnaccountedAsync(IArtifactStore store, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            var record = await PipelineJson.ReadAsync<Record>(store, name, cancellationToken).ConfigureAwait(false);
            return record?.UnaccountedUsd ?? 0m;
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{name} in {store.Location} is damaged ({ex.Message}); it records LLM money already spent, so the run will not guess it. Restore it, or delete it to accept forgetting that spend.", ex);
        }
    }

    /// <summary>All that the run's records of LLM judge <paramref name="judge"/> hold: the folder's record (<see cref="RunArtifacts.LlmSpend"/>, earlier stopped
    /// runs of the local engine) and each chunk's record (<see cref="RunArtifacts.ChunkLlmSpend(int, string)"/>, failed durable attempts).
    /// Added to what the chunk summaries say, it is what the provider billed.</summary>
    public static async Task<decimal> ReadUnaccountedInRunAsync(RunPlan plan, IArtifactStore store, string judge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(judge);
        return await ReadUnaccountedAsync(store, RunArtifacts.LlmSpendOf(judge), cancellationToken).ConfigureAwait(false)
            + await ReadChunkRecordsAsync(plan.ChunkCount, store, judge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sum of the chunk records (<see cref="RunArtifacts.ChunkLlmSpend(int, string)"/>) of the first
    /// <paramref name="chunkCount"/> chunks: failed durable attempts, and the spend of chunks redone because their artifacts did not verify.</summary>
    public static async Task<decimal> ReadChunkRecordsAsync(int chunkCount, IArtifactStore store, string judge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var total = 0m;
        for (var i = 0; i < chunkCount; i++)
        {
            total += await ReadUnaccountedAsync(store, RunArtifacts.ChunkLlmSpend(i, judge), cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>Before chunk <paramref name="index"/> is redone because its artifacts do not verify: adds what its
    /// <paramref name="rejected"/> summary says each LLM judge of <paramref name="plan"/> spent to the chunk's record, so the
    /// money paid for the lost results still counts toward the budget (both engines read the chunk records).</summary>
    /// <remarks>Called before the summary is deleted: a crash in between counts that spend twice, which errs on the side of the budget.</remarks>
    public static async Task KeepSpendOfRejectedAsync(RunPlan plan, int index, ChunkSummary rejected, IArtifactStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rejected);
        foreach (var judge in plan.ResolvedJudges().Where(j => j.Kind == JudgeKinds.Llm).Select(j => j.Name))
        {
            var spent = SpentIn(rejected, judge);
            if (spent > 0)
            {
                var name = RunArtifacts.ChunkLlmSpend(index, judge);
                var before = await ReadUnaccountedAsync(store, name, cancellationToken).ConfigureAwait(false);
                await WriteUnaccountedAsync(store, name, before + spent, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Before a re-plan deletes the chunks of whatever run the store held: everything that run's records say
    /// LLM judge <paramref name="judge"/> spent (chunk summaries that parse, verified or not; chunk records; the folder's
    /// record), written to the folder's record so the next run counts it. The old plan may be unreadable, so the chunks
    /// are found by probing their files from 00000 up.</summary>
    /// <remarks>Written before the chunks are deleted: a crash in between counts that spend twice, which errs on the side of the budget.</remarks>
    public static async Task KeepSpendBeforeReplanAsync(IArtifactStore store, string judge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(judge);
        var total = await ReadUnaccountedAsync(store, RunArtifacts.LlmSpendOf(judge), cancellationToken).ConfigureAwait(false);
        for (var i = 0; ; i++)
        {
            ChunkSummary? summary;
            try
            {
                summary = await PipelineJson.ReadAsync<ChunkSummary>(store, RunArtifacts.ChunkSummary(i), cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                // A summary that does not parse records nothing readable; the chunk still counts as present.
                summary = null;
            }

            var record = await ReadUnaccountedAsync(store, RunArtifacts.ChunkLlmSpend(i, judge), cancellationToken).ConfigureAwait(false);
            if (summary is null && record == 0m
                && !await store.ExistsAsync(RunArtifacts.ChunkPairs(i), cancellationToken).ConfigureAwait(false)
                && !await store.ExistsAsync(RunArtifacts.ChunkSummary(i), cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            total += record + (summary is null ? 0m : SpentIn(summary, judge));
        }

        if (total > 0)
        {
            await WriteUnaccountedAsync(store, RunArtifacts.LlmSpendOf(judge), total, cancellationToken).ConfigureAwait(false);
        }
    }

    public static Task WriteUnaccountedAsync(IArtifactStore store, string name, decimal usd, CancellationToken cancellationToken = default) =>
        PipelineJson.WriteAsync(store, name, new Record(Math.Max(0m, usd)), cancellationToken);

    /// <summary>What the verified chunks of <paramref name="plan"/> spent, and which chunks are not done (their pairs still to judge).</summary>
    public static async Task<(decimal SpentInChunks, IReadOnlyList<int> NotDone)> ReadChunksAsync(
        RunPlan plan, IArtifactStore store, string judge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var spent = 0m;
        var notDone = new List<int>();
        for (var i = 0; i < plan.ChunkCount; i++)
        {
            var verification = await ChunkArtifacts.VerifyAsync(plan, i, store, cancellationToken).ConfigureAwait(false);
            if (verification.Summary is { } summary)
            {
                spent += SpentIn(summary, judge);
            }
            else
            {
                notDone.Add(i);
            }
        }

        return (spent, notDone);
    }
}
