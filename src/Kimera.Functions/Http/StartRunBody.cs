using Kimera.Pipeline;

namespace Kimera.Functions.Http;

/// <summary>Body of <c>POST /api/runs</c>: the dataset's blob name and any options to override (camelCase JSON).</summary>
public sealed record StartRunBody(
    string? Dataset,
    int? ChunkSize = null,
    int? MaxParallelChunks = null,
    int? Seed = null,
    int? MaxPairs = null,
    int? Sample = null,
    int? MaxTextLength = null,
    IReadOnlyList<string>? Judges = null,
    int? Bootstrap = null,
    int? Folds = null)
{
    /// <summary><paramref name="defaults"/> with this body's overrides.</summary>
    public RunSpec ApplyTo(RunSpec defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return defaults with
        {
            ChunkSize = ChunkSize ?? defaults.ChunkSize,
            MaxParallelChunks = MaxParallelChunks ?? defaults.MaxParallelChunks,
            Seed = Seed ?? defaults.Seed,
            MaxPairs = MaxPairs ?? defaults.MaxPairs,
            Sample = Sample ?? defaults.Sample,
            MaxTextLength = MaxTextLength ?? defaults.MaxTextLength,
            Judges = Judges?.Distinct(StringComparer.Ordinal).ToArray() ?? defaults.Judges,
            BootstrapResamples = Bootstrap ?? defaults.BootstrapResamples,
            Folds = Folds ?? defaults.Folds,
        };
    }

    /// <summary>A <see cref="RunSpec"/> property's name as it is spelled in this body, for error messages.</summary>
    public static string FieldName(string specProperty) => specProperty switch
    {
        nameof(RunSpec.BootstrapResamples) => "bootstrap",
        _ => char.ToLowerInvariant(specProperty[0]) + specProperty[1..],
    };
}
