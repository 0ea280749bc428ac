namespace Kimera.Reporting.Charts;

/// <summary>One metric of a sweep chart: its value at each swept value (null = undefined) and the interval of each.</summary>
internal sealed record SweepSeries(string Name, string Color, LineStyle Style, IReadOnlyList<double?> Values, IReadOnlyList<IReadOnlyList<double>?> Intervals);
