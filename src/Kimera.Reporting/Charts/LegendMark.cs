namespace Kimera.Reporting.Charts;

/// <summary>How a legend entry is drawn, matching its series.</summary>
internal enum LegendMark
{
    /// <summary>A solid line in the curve's class (same stroke width as the curve).</summary>
    Line,

    /// <summary>The dashed reference line, in the reference line's class.</summary>
    Dashed,

    /// <summary>A filled box, like the bars it names.</summary>
    Bar,
}
