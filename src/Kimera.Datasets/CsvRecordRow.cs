using CsvHelper;

namespace Kimera.Datasets;

/// <summary>One CSV record as read: where it starts, how many physical lines it spans, its fields, its quoting problem.</summary>
/// <param name="RanPastBytes">Set when the record ran past this many bytes (the record size limit) without ending: only
/// its first line was read, and reading went on from the next line.</param>
internal sealed record CsvRecordRow(long Line, int LineCount, string[] Fields, CsvMalformedReason? Malformed, long? RanPastBytes = null);
