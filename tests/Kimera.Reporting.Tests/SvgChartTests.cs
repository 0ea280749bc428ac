using System.Globalization;
using System.Text.RegularExpressions;
using Kimera.Reporting.Charts;

namespace Kimera.Reporting.Tests;

public sealed partial class SvgChartTests
{
    // The unit-square chart's plot area: x from 56 to 424 (440 − 56 − 16 wide), y from 34 (value 1) to 350 (value 0).
    private const double Left = 56, PlotWidth = 368, Top = 34, PlotHeight = 316;

    [Fact]
    public void A_step_precision_recall_curve_is_drawn_as_scikit_learn_draws_it_ending_at_recall_0_precision_1()
    {
        // The inverted example of RankingMetricsTests: recall [1, ½, 0, 0, 0], precision [½, ⅓, 0, 0, 1]. matplotlib's
        // steps-post holds each precision until the next recall, then jumps: H to the next x, then the vertical step.
        double[] recall = [1, 0.5, 0, 0, 0];
        double[] precision = [0.5, 1.0 / 3, 0, 0, 1];
        var svg = SvgChart.UnitSquare("PR", "recall", "precision", [new ChartSeries("kimera", "#1f6fb4", "pr", recall, precision, Step: true)], null);

        var d = PathData().Match(svg).Groups["d"].Value;
        var expected = $"M{X(1)} {Y(0.5)}H{X(0.5)}L{X(0.5)} {Y(1.0 / 3)}H{X(0)}L{X(0)} {Y(0)}H{X(0)}L{X(0)} {Y(0)}H{X(0)}L{X(0)} {Y(1)}";
        Assert.Equal(expected, d);
        Assert.EndsWith($"L{X(0)} {Y(1)}", d, StringComparison.Ordinal); // (recall 0, precision 1) is the last point drawn
    }

    [Fact]
    public void Legend_marks_match_their_series_lines_for_curves_dashes_for_the_reference_boxes_for_bars()
    {
        var curves = SvgChart.UnitSquare("ROC", "x", "y", [new ChartSeries("kimera", "#1f6fb4", "roc", [0, 1], [0, 1])], (0, 0, 1, 1, "chance"));
        var bars = SvgChart.Bars("Accuracy", "accuracy", ["en"], [new BarSeries("kimera", "#1f6fb4", [0.5], [null])], [[10]]);

        // The curve's legend line has the curve's class (so its stroke width), the reference's has the dashed class.
        Assert.Contains("<line class=\"legend-mark curve\"", curves, StringComparison.Ordinal);
        Assert.Contains("<line class=\"legend-mark reference\"", curves, StringComparison.Ordinal);
        Assert.Contains("<rect class=\"legend-mark bar\"", bars, StringComparison.Ordinal);
        Assert.DoesNotContain("<line class=\"legend-mark", bars, StringComparison.Ordinal);
    }

    private static string X(double recall) => (Left + (recall * PlotWidth)).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Y(double precision) => (Top + ((1 - precision) * PlotHeight)).ToString("0.##", CultureInfo.InvariantCulture);

    [GeneratedRegex("<path class=\"curve pr\"[^>]* d=\"(?<d>[^\"]*)\"")]
    private static partial Regex PathData();
}
