using CsvHelper;

namespace Kimera.Datasets.Records;

/// <summary>One record as read, whatever the format: where it starts, how many physical lines it spans, its fields (in
/// header order) and what made it unreadable, if anything.</summary>
/// <param name="Line">Physical line where the record starts (1-based, the header is line 1); for Parquet, the row number.</param>
/// <param name="Malformed">CSV only: the quoting problem CsvHelper reported.</param>
/// <param name="RanPastBytes">Set when the record ran past this many bytes (the record size limit) without ending: only
/// its first line was read, and reading went on from the next line.</param>
/// <param name="Unreadable">Why the record could not be split into fields (a line that is not a JSON object, a line over
/// the size limit); its fields are then empty.</param>
internal sealed record DatasetRow(
    long Line, int LineCount, string[] Fields, CsvMalformedReason? Malformed, long? RanPastBytes = null, string? Unreadable = null);
