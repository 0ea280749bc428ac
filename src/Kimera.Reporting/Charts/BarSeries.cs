namespace Kimera.Reporting.Charts;

/// <summary>One judge's bars in a grouped bar chart: a value per category (null = none) and its interval.</summary>
internal sealed record BarSeries(string Name, string Color, IReadOnlyList<double?> Values, IReadOnlyList<IReadOnlyList<double>?> Intervals);
