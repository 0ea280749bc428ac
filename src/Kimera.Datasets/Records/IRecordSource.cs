namespace Kimera.Datasets.Records;

/// <summary>
/// The records of one dataset file in one format, as header + rows of string fields: what lets every format share the
/// layouts, label schemes and row checks of <see cref="DatasetReader"/>.
/// </summary>
internal interface IRecordSource : IAsyncDisposable
{
    /// <summary>How a record's position is named in messages: "line" for text formats, "row" for Parquet.</summary>
    string RecordUnit { get; }

    /// <summary>A hint for a row whose field count differs from the header's, e.g. "(an unquoted comma in a text?)".</summary>
    string FieldCountHint { get; }

    /// <summary>Reads the header; an empty input gives an empty list.</summary>
    Task<IReadOnlyList<string>> ReadHeaderAsync(CancellationToken cancellationToken);

    /// <summary>Only these columns (indexes into the header) will be read: formats that can skip the others do (JSON Lines
    /// and Parquet decode only what is used). The fields of the other columns may then be empty
    /// strings (records already read keep theirs).</summary>
    void ReadOnly(IReadOnlySet<int> columns);

    /// <summary>The Hugging Face <c>ClassLabel</c> names of a column when the file carries them (Parquet's <c>huggingface</c>
    /// metadata), else null.</summary>
    IReadOnlyList<string>? ClassLabelNames(string column);

    /// <summary>The data records after the header, in file order. Enumerate once.</summary>
    IAsyncEnumerable<DatasetRow> ReadAsync(CancellationToken cancellationToken);
}
