using System.Text.Json;
using Kimera.Pipeline.Model;

namespace Kimera.Pipeline.Artifacts;

/// <summary>What the LLM judge has spent toward one budget, kept in the run's store so that stops, resumes and retries
/// share it. Finished chunks account for their own spend (the LLM tally of their summary, written with their results);
/// a small record holds the rest: money spent by attempts that ended before writing a summary.</summary>
/// <remarks>The local engine keeps that record for the whole folder (<see cref="RunArtifacts.LlmSpend"/>), written when a
/// run ends in any way short of the process being killed outright; the durable engine keeps one per chunk
/// (<see cref="RunArtifacts.ChunkLlmSpend(int, string)"/>), written when an attempt fails. A process killed outright (SIGKILL, power
/// loss) cannot record what its unfinished chunks spent; finished chunks are never lost from the ledger.</remarks>
public static class LlmSpendLedger
{
    /// <summary>The record: US dollars spent that no chunk summary accounts for.</summary>
    public sealed record Record(decimal UnaccountedUsd);

    /// <summary>What a chunk summary says the judge <paramref name="judge"/> spent (0 when it did not run).</summary>
    public static decimal SpentIn(ChunkSummary summary, string judge)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Judges.TryGetValue(judge, out var tally) ? Math.Round((decimal)tally.CostUsd, 9) : 0m;
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
        var total = await ReadUnaccountedAsync(store, RunArtifacts.LlmSpendOf(judge), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < plan.ChunkCount; i++)
        {
            total += await ReadUnaccountedAsync(store, RunArtifacts.ChunkLlmSpend(i, judge), cancellationToken).ConfigureAwait(false);
        }

        return total;
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
