using System.Globalization;

namespace Kimera.Reporting.Charts;

/// <summary>How a line is told apart from the others without colour: a dash pattern (null = solid) and a point marker
/// shape (<see cref="Shapes"/> of them, cycled). Used when a chart holds more than two judges, or several metrics.</summary>
internal sealed record LineStyle(string? Dash, int Marker)
{
    /// <summary>Distinct marker shapes: circle, square, triangle up, diamond, triangle down, cross.</summary>
    public const int Shapes = 6;

    private static readonly string?[] Dashes = [null, "7 4", "2 3", "9 3 2 3", "4 4", "12 4"];

    /// <summary>The style of the <paramref name="index"/>-th line: dash and marker both advance, so no two of the first 36 match.</summary>
    public static LineStyle Of(int index) => new(Dashes[index % Dashes.Length], (index + (index / Dashes.Length)) % Shapes);

    /// <summary>SVG path data of the marker centred on (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public string MarkerPath(double x, double y)
    {
        const double r = 4;
        FormattableString path = (Marker % Shapes) switch
        {
            0 => $"M{x - r:0.##} {y:0.##}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0Z",
            1 => $"M{x - r:0.##} {y - r:0.##}h{2 * r}v{2 * r}h{-2 * r}Z",
            2 => $"M{x:0.##} {y - r - 1:0.##}L{x + r + 1:0.##} {y + r:0.##}H{x - r - 1:0.##}Z",
            3 => $"M{x:0.##} {y - r - 1:0.##}L{x + r + 1:0.##} {y:0.##}L{x:0.##} {y + r + 1:0.##}L{x - r - 1:0.##} {y:0.##}Z",
            4 => $"M{x:0.##} {y + r + 1:0.##}L{x + r + 1:0.##} {y - r:0.##}H{x - r - 1:0.##}Z",
            _ => $"M{x - r:0.##} {y - r:0.##}L{x + r:0.##} {y + r:0.##}M{x - r:0.##} {y + r:0.##}L{x + r:0.##} {y - r:0.##}",
        };
        return path.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The marker is drawn as an outline (the cross has no inside to fill).</summary>
    public bool Outline => Marker % Shapes == Shapes - 1;
}
