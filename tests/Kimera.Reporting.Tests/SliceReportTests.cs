using Kimera.Statistics;

namespace Kimera.Reporting.Tests;

/// <summary>The error analysis's table by the dataset's slice column (MultiNLI's genre), only when the pairs have one.</summary>
public sealed class SliceReportTests
{
    private static readonly StatisticsOptions Options = new() { BootstrapResamples = 0, Folds = 2 };

    [Fact]
    public void A_sliced_run_gets_a_table_by_the_slice_columns_name()
    {
        PairOutcome[] rows =
        [
            Row(true, true, "fiction"),
            Row(false, false, "fiction"),
            Row(false, true, "fiction"),
            Row(true, true, "telephone"),
        ];

        var html = HtmlReportWriter.Render(StatisticsCalculator.Compute(rows, ["kimera"], Options, "genre"), "pairs.csv");

        Assert.Contains("<h3>By genre</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">fiction</th>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">telephone</th>", html, StringComparison.Ordinal);
        Assert.Contains("Accuracy by genre", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_slice_there_is_no_such_table()
    {
        PairOutcome[] rows = [Row(true, true, null), Row(false, false, null)];

        var html = HtmlReportWriter.Render(StatisticsCalculator.Compute(rows, ["kimera"], Options, "genre"), "pairs.csv");

        Assert.Contains("<h3>By pair type</h3>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("By genre", html, StringComparison.Ordinal);
    }

    private static PairOutcome Row(bool label, bool pred, string? genre) =>
        new(label, "en", label ? "contradiction" : "neutral", "A man sleeps", "A man runs", [new JudgeOutcome(pred, pred ? 0.9 : 0.1)]) { Slice = genre };
}
