namespace Kimera.Datasets;

/// <summary>One problem found while reading a dataset.</summary>
/// <param name="Line">Physical line of the file where the row starts (1-based, the header is line 1).</param>
/// <param name="Id">The row's <c>pair_id</c> or <c>id</c> when it could be read, else <c>null</c>.</param>
/// <param name="Kind">The first (most serious) problem of the row.</param>
/// <param name="Reason">Every problem of the row, readable, joined with "; ".</param>
/// <param name="RowSkipped">True when the row was left out; false for warnings (self partner, bad partner) on a kept row.</param>
public sealed record DatasetProblem(long Line, string? Id, DatasetProblemKind Kind, string Reason, bool RowSkipped = true)
{
    public override string ToString() =>
        Id is null ? $"line {Line}: {Reason}" : $"line {Line} (id {Id}): {Reason}";
}
