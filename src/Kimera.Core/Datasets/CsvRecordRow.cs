using CsvHelper;

namespace Kimera.Datasets;

/// <summary>One CSV record as read: where it starts, how many physical lines it spans, its fields, its quoting problem.</summary>
internal sealed record CsvRecordRow(long Line, int LineCount, string[] Fields, CsvMalformedReason? Malformed, bool ReadAgain);
