namespace Kimera.Reporting.Charts;

/// <summary>One line of a line chart: its legend text, colour, CSS class and points in data units.</summary>
/// <param name="Step">Draw as a post-step (horizontal, then vertical), as scikit-learn draws precision-recall curves.</param>
/// <param name="Style">Dash pattern and point marker that tell the line apart without colour; null draws a plain line.</param>
internal sealed record ChartSeries(string Name, string Color, string CssClass, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Step = false, LineStyle? Style = null);
