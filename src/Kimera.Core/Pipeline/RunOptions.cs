using System.ComponentModel.DataAnnotations;

namespace Kimera.Pipeline;

/// <summary>Options of one benchmark run (configuration section <c>Kimera:Run</c>).</summary>
public sealed class RunOptions
{
    /// <summary>Pairs per chunk: the unit of parallel work and of resume.</summary>
    [Range(1, 1_000_000)]
    public int ChunkSize { get; set; } = 500;

    /// <summary>Chunks processed at once; defaults to the core count.</summary>
    [Range(1, 1024)]
    public int MaxParallelChunks { get; set; } = Environment.ProcessorCount;

    /// <summary>Seed of every random choice (negative pairs, shuffles, reactor, bootstrap).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Caps the planned pairs (first N in plan order); <c>null</c> = all.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxPairs { get; set; }

    /// <summary>Rows whose text is longer than this are reported as bad rows.</summary>
    [Range(1, int.MaxValue)]
    public int MaxTextLength { get; set; } = 10_000;

    /// <summary>Judges to run, by name (<c>kimera</c>, <c>llm</c>).</summary>
    public IList<string> Judges { get; } = ["kimera", "llm"];

    [Range(0, 1_000_000)]
    public int BootstrapResamples { get; set; } = 2_000;

    [Range(2, 100)]
    public int Folds { get; set; } = 5;
}
