namespace Kimera.Datasets;

/// <summary>One problem found while reading a dataset.</summary>
/// <param name="Line">Physical line of the file where the row starts (1-based, the header is line 1); in a Parquet file the row
/// number (1-based), and <see cref="Unit"/> says "row".</param>
/// <param name="Id">The row's <c>pair_id</c> or <c>id</c> when it could be read, else <c>null</c>.</param>
/// <param name="Kind">The first (most serious) problem of the row.</param>
/// <param name="Reason">Every problem of the row, readable, joined with "; ".</param>
/// <param name="RowSkipped">True when the row was left out; false for warnings (self partner, bad partner) on a kept row.</param>
public sealed record DatasetProblem(long Line, string? Id, DatasetProblemKind Kind, string Reason, bool RowSkipped = true)
{
    /// <summary>"row" for a Parquet file; null for the text formats, whose positions are lines.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Unit { get; init; }

    public override string ToString() =>
        Id is null ? $"{Unit ?? "line"} {Line}: {Reason}" : $"{Unit ?? "line"} {Line} (id {Id}): {Reason}";
}
