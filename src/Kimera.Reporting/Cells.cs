namespace Kimera.Reporting;

/// <summary>Table cells every section writes alike; every text in them is HTML-escaped.</summary>
internal static class Cells
{
    public static string Cell(string text) => $"<td>{Html.Text(text)}</td>";

    /// <summary>A value with its interval on a smaller second line, so wide tables stay readable.</summary>
    public static string CellCi(double? value, IReadOnlyList<double>? interval) =>
        interval is { Count: 2 } && value is not null
            ? $"<td>{Html.Text(Fmt.Metric(value))}<br><small class=\"ci\">{Html.Text(Fmt.Interval(interval))}</small></td>"
            : Cell(Fmt.Metric(value));

    /// <summary>A row of a two-column facts table: the name, then its value.</summary>
    public static string Fact(string name, string value) => $"<tr><th scope=\"row\">{Html.Text(name)}</th><td>{Html.Text(value)}</td></tr>";
}
