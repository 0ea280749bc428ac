using Kimera.Datasets.Formats;
using Kimera.Datasets.Layouts;

namespace Kimera.Datasets;

/// <summary>Settings for reading a dataset and building its pairs.</summary>
public sealed class DatasetReaderOptions
{
    /// <summary>Default for <see cref="MaxTextLength"/>.</summary>
    public const int DefaultMaxTextLength = 10_000;

    /// <summary>Default for <see cref="MaxRecordBytes"/>: 16 MiB.</summary>
    public const int DefaultMaxRecordBytes = 16 * 1024 * 1024;

    /// <summary>Seed of the random geoid negatives and of the texts shuffle (<c>new Random(Seed)</c>).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Keep only the first N pairs in plan order; <c>null</c> for all.</summary>
    public int? MaxPairs { get; set; }

    /// <summary>A text longer than this many characters (UTF-16 code units) makes its row bad.</summary>
    public int MaxTextLength { get; set; } = DefaultMaxTextLength;

    /// <summary>
    /// A single CSV record larger than this (in bytes) is fatal. Guards memory against an unclosed quote
    /// near the start of a very large file, which would otherwise make the rest of the file one record.
    /// </summary>
    public int MaxRecordBytes { get; set; } = DefaultMaxRecordBytes;

    /// <summary>The file's format (<c>--format</c>); null to take it from the name's extension, else from the first bytes.</summary>
    public DatasetFormat? Format { get; set; }

    /// <summary>Columns and contradiction values named by the user (<c>--text1-column</c> …); <see cref="ColumnMapping.None"/> to detect the layout.</summary>
    public ColumnMapping Mapping { get; set; } = ColumnMapping.None;

    internal void Validate()
    {
        if (MaxPairs is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPairs), MaxPairs, $"MaxPairs must be null or >= 0, was {MaxPairs}.");
        }

        if (MaxTextLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTextLength), MaxTextLength, $"MaxTextLength must be >= 1, was {MaxTextLength}.");
        }

        if (MaxRecordBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRecordBytes), MaxRecordBytes, $"MaxRecordBytes must be >= 1024, was {MaxRecordBytes}.");
        }
    }
}
