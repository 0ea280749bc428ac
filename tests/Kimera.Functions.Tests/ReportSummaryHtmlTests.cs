using System.Text.Json;
using Kimera.Functions.Reporting;
using Kimera.Pipeline.Artifacts;
using Kimera.Reporting.Model;
using Kimera.Statistics;
using Kimera.TestSupport.Statistics;

namespace Kimera.Functions.Tests;

/// <summary>The summary page of a run without report.html, from the typed report as the API reads it back from report.json.</summary>
public sealed class ReportSummaryHtmlTests
{
    [Fact]
    public void The_page_shows_each_judges_metrics_from_the_typed_report_read_back_with_the_pipelines_json_options()
    {
        // "perfect" is right on all 20 pairs; "llm" wrong on pairs 0–9 (5 contradictions missed, 5 false alarms): every metric 0.5.
        var statistics = StatisticsCalculator.Compute(
            HandMadeJudges.Rows(20, [], HandMadeJudges.C), ["perfect", "llm"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 });
        var written = new RunReport
        {
            Run = new RunInfo("<b>up</b>&loaded.csv", "pairs", "f00d", 42, 5, 4, 20, ["perfect", "llm"]),
            Dataset = new DatasetReport("up.csv", "pairs", [], 20, 20, 0, 20, 10, 10, 0, 0, 0, false, new Dictionary<string, long>(), new Dictionary<string, long>(), [], []),
            Statistics = statistics,
            Reactor = new ReactorTally(),
            Judges = new Dictionary<string, JudgeTally>(),
            Caches = new RunCaches(new CacheReport(0, 0), null),
            Timings = new RunTimings(),
        };
        var read = JsonSerializer.Deserialize<RunReport>(JsonSerializer.Serialize(written, PipelineJson.Options), PipelineJson.Options)!;

        var html = ReportSummaryHtml.Render(read);

        Assert.Contains("<title>Kimera Bench: &lt;b&gt;up&lt;/b&gt;&amp;loaded.csv</title>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>&lt;b&gt;up&lt;/b&gt;&amp;loaded.csv</strong>: 20 pairs, 20 labelled, in 4 chunks.</p>\n<table>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>judge</th><th>accuracy</th><th>precision</th><th>recall</th><th>f1</th><th>auroc</th><th>average_precision</th><th>errors</th></tr>\n", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>perfect</td><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>0</td></tr>\n", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>llm</td><td>0.5000</td><td>0.5000</td><td>0.5000</td><td>0.5000</td><td>0.5000</td><td>0.5000</td><td>0</td></tr>\n", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "n/a")]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(0.75, "0.7500")]
    [InlineData(0.123456, "0.1235")]
    public void Metrics_have_four_decimals_and_whole_values_stay_whole_as_report_json_writes_them(double? value, string shown) =>
        Assert.Equal(shown, ReportSummaryHtml.Number(value));
}
