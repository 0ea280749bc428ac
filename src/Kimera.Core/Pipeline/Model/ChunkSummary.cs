
namespace Kimera.Pipeline.Model;

/// <summary>What ProcessChunk returns and stores beside the chunk's results: counts only.</summary>
/// <param name="Judges">Per judge name, in the plan's judge order.</param>
/// <param name="ElapsedMilliseconds">Wall time of the chunk (a timing: never part of deterministic results).</param>
public sealed record ChunkSummary(
    int Index,
    int Pairs,
    int DistinctTexts,
    int EmbeddingCacheHits,
    int EmbeddingsComputed,
    ReactorTally Reactor,
    IReadOnlyDictionary<string, JudgeTally> Judges,
    double ElapsedMilliseconds);
