using System.Globalization;
using CsvHelper;
using Kimera.Datasets.Layouts;
using Kimera.Datasets.Records;

namespace Kimera.Datasets;

/// <summary>Collects what is wrong with one record; quoting and field-count problems come first, since they make the fields unreliable.</summary>
internal sealed class RowProblems
{
    private readonly DatasetRow _row;
    private readonly List<(DatasetProblemKind Kind, string Reason)> _items = [];

    public RowProblems(DatasetRow row, DatasetLayout columns, string fieldCountHint)
    {
        _row = row;
        if (columns.Id >= 0 && columns.Id < row.Fields.Length && row.Fields[columns.Id].Trim() is { Length: > 0 } id)
        {
            Id = id;
        }

        if (row.Unreadable is { } unreadable)
        {
            Add(DatasetProblemKind.UnreadableRecord, "the line " + unreadable);
        }
        else if (row.Malformed is { } reason)
        {
            Add(DatasetProblemKind.BrokenQuoting, Describe(reason, row));
        }
        else if (row.Fields.Length != columns.HeaderCount)
        {
            Add(
                DatasetProblemKind.FieldCount,
                string.Create(CultureInfo.InvariantCulture, $"the row has {row.Fields.Length} fields, the header has {columns.HeaderCount} {fieldCountHint}").TrimEnd());
        }
    }

    /// <summary>The trimmed id field, when there is one and it is not empty.</summary>
    public string? Id { get; }

    /// <summary>False when quoting or the field count is wrong: then the other checks are not made.</summary>
    public bool FieldsUsable => _items.Count == 0;

    public bool Any => _items.Count > 0;

    public void Add(DatasetProblemKind kind, string reason) => _items.Add((kind, reason));

    public DatasetProblem ToProblem(string unit) =>
        new(_row.Line, Id, _items[0].Kind, string.Join("; ", _items.Select(i => i.Reason))) { Unit = unit == "line" ? null : unit };

    private static string Describe(CsvMalformedReason reason, DatasetRow row)
    {
        var what = reason switch
        {
            CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
            CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field",
            CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed",
            _ => reason.ToString(),
        };
        var text = $"broken quoting: {what}";
        if (row.RanPastBytes is { } limit)
        {
            // Where the record would have ended is unknown (past the limit): only its first line is the bad row.
            return text + string.Create(
                CultureInfo.InvariantCulture, $" (the record ran past {limit:N0} bytes; the lines after line {row.Line} were read again as rows)");
        }

        if (row.LineCount > 1)
        {
            var last = row.Line + row.LineCount - 1;
            var again = row.LineCount == 2
                ? string.Create(CultureInfo.InvariantCulture, $"line {last} was read again as a row")
                : string.Create(CultureInfo.InvariantCulture, $"lines {row.Line + 1}-{last} were read again as rows");
            text += string.Create(CultureInfo.InvariantCulture, $" (the record ran over lines {row.Line}-{last}; {again})");
        }

        return text;
    }
}
