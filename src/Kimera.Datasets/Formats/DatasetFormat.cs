namespace Kimera.Datasets.Formats;

/// <summary>How a dataset file is written. Any text format may also come gzip-compressed (<c>.gz</c>).</summary>
public enum DatasetFormat
{
    /// <summary>RFC 4180 comma-separated values with a header row (<c>.csv</c>).</summary>
    Csv,

    /// <summary>Tab-separated values with a header row and no quoting at all (<c>.tsv</c>, <c>.txt</c>): how SNLI, MultiNLI and
    /// GLUE are published, where a sentence may begin with a double quote.</summary>
    Tsv,

    /// <summary>JSON Lines: one JSON object per line (<c>.jsonl</c>, and <c>.json</c> written that way).</summary>
    JsonLines,

    /// <summary>Apache Parquet (<c>.parquet</c>), as Hugging Face exports datasets; read one row group at a time.</summary>
    Parquet,
}
