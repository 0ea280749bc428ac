
namespace Kimera.Pipeline.Model;

/// <summary>What was run: the dataset, its shape, the plan's fingerprint and the options that shape results.</summary>
public sealed record RunInfo(
    string Dataset, string Shape, string Fingerprint, int Seed, int ChunkSize, int Chunks, int Pairs, IReadOnlyList<string> Judges);
