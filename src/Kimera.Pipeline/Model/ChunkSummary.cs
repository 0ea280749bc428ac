using Kimera.Reporting.Model;

namespace Kimera.Pipeline.Model;

/// <summary>What ProcessChunk returns and stores beside the chunk's results: counts only.</summary>
/// <param name="Judges">Per judge name, in the plan's judge order. The LLM judge's tally holds what the chunk spent
/// (<see cref="JudgeTally.CostUsd"/>): written with the results, it is the run folder's budget ledger.</param>
/// <param name="ElapsedMilliseconds">Wall time of the chunk (a timing: never part of deterministic results).</param>
/// <param name="ResultsLength">Bytes of <c>results/NNNNN.csv</c> as written; with <paramref name="ResultsSha256"/> it lets
/// a later run verify the file before reusing the chunk.</param>
/// <param name="ResultsSha256">SHA-256 (lower-case hex) of <c>results/NNNNN.csv</c>; <c>null</c> in summaries written before
/// it was recorded, which therefore never verify and are recomputed once.</param>
public sealed record ChunkSummary(
    int Index,
    int Pairs,
    int DistinctTexts,
    int EmbeddingCacheHits,
    int EmbeddingsComputed,
    ReactorTally Reactor,
    IReadOnlyDictionary<string, JudgeTally> Judges,
    double ElapsedMilliseconds,
    long ResultsLength = 0,
    string? ResultsSha256 = null);
