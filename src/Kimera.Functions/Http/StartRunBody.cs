namespace Kimera.Functions.Http;

/// <summary>Body of <c>POST /api/runs</c>: the dataset's blob name and any options to override (camelCase JSON).</summary>
public sealed record StartRunBody(
    string? Dataset,
    int? ChunkSize = null,
    int? MaxParallelChunks = null,
    int? Seed = null,
    int? MaxPairs = null,
    int? MaxTextLength = null,
    IReadOnlyList<string>? Judges = null,
    int? Bootstrap = null,
    int? Folds = null);
