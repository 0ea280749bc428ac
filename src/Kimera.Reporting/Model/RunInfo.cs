
namespace Kimera.Reporting.Model;

/// <summary>What was run: the dataset, its shape, the plan's fingerprint and the options that shape results.</summary>
public sealed record RunInfo(
    string Dataset, string Shape, string Fingerprint, int Seed, int ChunkSize, int Chunks, int Pairs, IReadOnlyList<string> Judges)
{
    /// <summary>Cache-key id of the embedding model (part of the fingerprint).</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>Arithmetic of the embedding model: <c>fp32</c> or <c>int8</c>; null when the plan did not record the model.</summary>
    public string? EmbeddingPrecision { get; init; }

    /// <summary>For int8, the weights and the CPU's dot-product units that chose them, e.g. <c>signed (avx512_vnni)</c> or
    /// <c>unsigned (cpu: none)</c>; null for float32 (and for plans that did not record it).</summary>
    public string? EmbeddingInt8Kernel { get; init; }
}
