using System.Text.Json;
using Kimera.Judging.Definitions;
using Kimera.Pipeline;

namespace Kimera.Functions.Http;

/// <summary>Body of <c>POST /api/runs</c>: the dataset's blob name and any options to override (camelCase JSON).
/// <c>judges</c> holds judge names (<c>["kimera", "llm"]</c>), judge objects as in a judge file, or both.</summary>
public sealed record StartRunBody(
    string? Dataset,
    int? ChunkSize = null,
    int? MaxParallelChunks = null,
    int? Seed = null,
    int? MaxPairs = null,
    int? Sample = null,
    int? MaxTextLength = null,
    JsonElement? Judges = null,
    int? Bootstrap = null,
    int? Folds = null)
{
    /// <summary>The body's judges, read as a judge file's array is, with every problem; <c>null</c> when the body names none.</summary>
    public JudgeSetReadResult? ReadJudges() =>
        Judges is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } judges ? JudgeFile.ParseArray(judges, "judges") : null;

    /// <summary><paramref name="defaults"/> with this body's overrides (the judges only when they read without problems).</summary>
    public RunSpec ApplyTo(RunSpec defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var judges = ReadJudges();
        var spec = judges is { IsValid: true } ? defaults.WithJudges(judges.Judges) : defaults;
        return spec with
        {
            ChunkSize = ChunkSize ?? defaults.ChunkSize,
            MaxParallelChunks = MaxParallelChunks ?? defaults.MaxParallelChunks,
            Seed = Seed ?? defaults.Seed,
            MaxPairs = MaxPairs ?? defaults.MaxPairs,
            Sample = Sample ?? defaults.Sample,
            MaxTextLength = MaxTextLength ?? defaults.MaxTextLength,
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
