using Kimera.Judging;
using Kimera.Pipeline;

namespace Kimera.Functions.Configuration;

/// <summary>Options of runs started here when the caller does not set them (section <c>Kimera:Run</c>): the configuration's
/// shape of a <see cref="RunSpec"/> (see <see cref="ToSpec"/>), plus the retry policy of the activities.</summary>
public sealed class RunDefaultsOptions
{
    public const string SectionName = "Kimera:Run";

    /// <summary>Pairs per chunk: the unit of one ProcessChunk activity.</summary>
    public int ChunkSize { get; set; } = 500;

    /// <summary>Most chunks in flight at once across every instance (the fan-out window; the LLM limits are split by it).</summary>
    public int MaxParallelChunks { get; set; } = 16;

    public int Seed { get; set; } = 42;

    /// <summary>Caps the planned pairs; <c>null</c> = all.</summary>
    public int? MaxPairs { get; set; }

    /// <summary>Plans a seeded sample of N pairs stratified by label and language; <c>null</c> = all.</summary>
    public int? Sample { get; set; }

    public int MaxTextLength { get; set; } = 10_000;

    /// <summary>Judges to run; <c>null</c> = the Kimera judge, plus the LLM judge when an API key is configured.</summary>
    public string[]? Judges { get; set; }

    public int BootstrapResamples { get; set; } = 2_000;

    public int Folds { get; set; } = 5;

    /// <summary>Attempts of each activity, the first included.</summary>
    public int RetryMaxAttempts { get; set; } = 4;

    public TimeSpan RetryFirstInterval { get; set; } = TimeSpan.FromSeconds(5);

    public double RetryBackoffCoefficient { get; set; } = 2.0;

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The run these defaults describe; judges not configured = Kimera, plus the LLM when <paramref name="hasLlm"/>.</summary>
    public RunSpec ToSpec(bool hasLlm) => new()
    {
        ChunkSize = ChunkSize,
        MaxParallelChunks = MaxParallelChunks,
        Seed = Seed,
        MaxPairs = MaxPairs,
        Sample = Sample,
        MaxTextLength = MaxTextLength,
        Judges = Judges ?? (hasLlm ? JudgeNames.All : [JudgeNames.Kimera]),
        BootstrapResamples = BootstrapResamples,
        Folds = Folds,
    };
}
