using System.Text.Json.Serialization;
using Kimera.Judging.Definitions;
namespace Kimera.Pipeline.Model;

/// <summary>What Plan produced: counts and references only (it travels through orchestration history).</summary>
/// <param name="Fingerprint">Hash of the dataset version and every option that changes results; a resumed run must match it.</param>
/// <param name="Judges">Judges whose columns the results carry, in column order.</param>
public sealed record RunPlan(
    string Dataset,
    string Shape,
    string Fingerprint,
    int Seed,
    int ChunkSize,
    int ChunkCount,
    int TotalPairs,
    IReadOnlyList<string> Judges)
{
    /// <summary>Cache-key id of the embedding model, which names its precision (<c>@int8-…</c>); null in plans written before it was recorded.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>How the int8 weight products ran in the process that planned the run (e.g. <c>signed (avx512_vnni)</c>);
    /// absent for float32 and in plans written before it was recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EmbeddingInt8Kernel { get; init; }

    /// <summary>The judges in full when any is more than a shorthand name (a judge file, a sweep); absent otherwise. Both
    /// engines build the chunk's judges from it, and <see cref="Judges"/> then lists their column prefixes, repeats included.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<JudgeDefinition>? JudgeDefinitions { get; init; }

    /// <summary>The dataset's slice column (MultiNLI's <c>genre</c>) when it has one, absent otherwise: the chunk files, the
    /// results and <c>pairs.csv</c> then carry each pair's value in a <c>slice</c> column, and the error analysis groups by it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SliceColumn { get; init; }

    /// <summary>The judges in full: <see cref="JudgeDefinitions"/>, or the shorthand names' defaults.</summary>
    public IReadOnlyList<JudgeDefinition> ResolvedJudges() => JudgeDefinitions ?? [.. Judges.Select(JudgeDefinition.FromShorthand)];

    /// <summary>Pairs in chunk <paramref name="index"/>: every chunk is full except the last.</summary>
    public int PairsInChunk(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ChunkCount);
        return index < ChunkCount - 1 ? ChunkSize : TotalPairs - (ChunkSize * (ChunkCount - 1));
    }
}
