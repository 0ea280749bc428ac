namespace Kimera.Reporting.Charts;

/// <summary>One legend line: its text, colour, kind of mark and, for a styled line, its dash and marker.</summary>
internal sealed record LegendEntry(string Name, string Color, LegendMark Mark, LineStyle? Style = null);
