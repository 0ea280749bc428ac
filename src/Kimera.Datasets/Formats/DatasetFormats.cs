using System.Diagnostics.CodeAnalysis;

namespace Kimera.Datasets.Formats;

/// <summary>Names of the formats, and the format a file name says it has.</summary>
public static class DatasetFormats
{
    /// <summary>The values <c>--format</c> accepts, for messages.</summary>
    public const string AcceptedNames = "csv, tsv, jsonl, parquet";

    /// <summary>The extensions read, for messages and for the blob trigger.</summary>
    public static readonly IReadOnlyList<string> Extensions =
        [".csv", ".tsv", ".txt", ".jsonl", ".json", ".parquet", ".csv.gz", ".tsv.gz", ".txt.gz", ".jsonl.gz", ".json.gz"];

    /// <summary>The name used in messages, in <c>--format</c> and in report.json.</summary>
    public static string Name(this DatasetFormat format) => format switch
    {
        DatasetFormat.Csv => "csv",
        DatasetFormat.Tsv => "tsv",
        DatasetFormat.JsonLines => "jsonl",
        DatasetFormat.Parquet => "parquet",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Parses a <c>--format</c> value: csv, tsv, jsonl (or json), parquet, in any letter case.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out DatasetFormat? format)
    {
        format = value?.Trim().ToLowerInvariant() switch
        {
            "csv" => DatasetFormat.Csv,
            "tsv" or "tab" => DatasetFormat.Tsv,
            "jsonl" or "json" or "jsonlines" or "ndjson" => DatasetFormat.JsonLines,
            "parquet" => DatasetFormat.Parquet,
            _ => null,
        };
        return format is not null;
    }

    /// <summary>The format a file or blob name says it has (<c>.csv</c>, <c>.tsv</c>/<c>.txt</c>, <c>.jsonl</c>/<c>.json</c>,
    /// <c>.parquet</c>, each text format optionally followed by <c>.gz</c>), or null for another extension.</summary>
    public static DatasetFormat? FromName(string name, out bool gzip)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.Trim().ToLowerInvariant();
        gzip = lower.EndsWith(".gz", StringComparison.Ordinal);
        if (gzip)
        {
            lower = lower[..^3];
        }

        return Path.GetExtension(lower) switch
        {
            ".csv" => DatasetFormat.Csv,
            ".tsv" or ".txt" => DatasetFormat.Tsv,
            ".jsonl" or ".json" or ".ndjson" => DatasetFormat.JsonLines,
            ".parquet" when !gzip => DatasetFormat.Parquet,
            _ => null,
        };
    }

    /// <summary>True for a name <see cref="FromName"/> knows: what the blob trigger starts runs for.</summary>
    public static bool IsDatasetName(string name) => FromName(name, out _) is not null;
}
