namespace Kimera.Functions.Configuration;

/// <summary>Options of runs started here when the caller does not set them (section <c>Kimera:Run</c>).</summary>
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
}
