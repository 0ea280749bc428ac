using Kimera.Reporting.Model;
using Kimera.Statistics;
using Kimera.TestSupport.Datasets;
using Kimera.TestSupport.Statistics;

namespace Kimera.Reporting.Tests;

/// <summary>Bad rows in sight in report.html (issue 24, point 5): above 1% of the rows read, a short box right after the
/// verdict with the bad rows by kind and the first three, linking to the dataset section's list; nothing at or below 1%.
/// And the dataset section's sample row: a sample above the dataset's pairs says that all of them were judged.</summary>
public sealed class BadRowsReportTests
{
    [Fact]
    public async Task Over_one_percent_a_box_after_the_verdict_and_before_the_metrics_shows_kinds_and_first_rows()
    {
        var html = HtmlReportWriter.Render(Report(await BadRowsDataset.ReadAsync(BadRowsDataset.FourOfFifty())));

        // By hand (BadRowsDataset): rows 4, 11, 26, 40 bad on lines 5, 12, 27, 41; 4 of 50 = 8.0%; the first three shown.
        Assert.Contains(
            "<section id=\"bad-rows\" class=\"notice\"><p><strong>4 bad rows of 50 read (8.0%), by kind: MissingText 3, FieldCount 1</strong></p><ul>" +
            "<li>line 5 (id p4): text2 is empty</li>" +
            "<li>line 12 (id p11): the row has 5 fields, the header has 4 (an unquoted comma in a text?)</li>" +
            "<li>line 27 (id p26): text1 is empty</li></ul>" +
            "<p>And 1 more bad row. <a href=\"#dataset-problems\">The list of problems</a> is in the dataset section; report.json has every one (dataset.problems).</p></section>",
            html,
            StringComparison.Ordinal);
        var summary = html.IndexOf("<section id=\"summary\">", StringComparison.Ordinal);
        var box = html.IndexOf("<section id=\"bad-rows\"", StringComparison.Ordinal);
        var metrics = html.IndexOf("<section id=\"metrics\">", StringComparison.Ordinal);
        var list = html.IndexOf("<details id=\"dataset-problems\">", StringComparison.Ordinal);
        Assert.True(summary >= 0 && metrics >= 0 && list >= 0);
        Assert.True(summary < box && box < metrics && metrics < list, $"summary {summary}, box {box}, metrics {metrics}, list {list}");
        // The list the link goes to holds the fourth bad row too.
        Assert.Contains("<li>line 41 (id p40): text2 is empty</li>", html[list..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_one_percent_there_is_no_box_and_the_list_stays_at_the_bottom()
    {
        var html = HtmlReportWriter.Render(Report(await BadRowsDataset.ReadAsync(BadRowsDataset.OneOfHundred())));

        Assert.DoesNotContain("id=\"bad-rows\"", html, StringComparison.Ordinal);
        Assert.Contains("<details id=\"dataset-problems\"><summary>1 problem(s) in the dataset</summary><ul><li>line 51 (id p50): text2 is empty</li></ul></details>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_alone_have_no_box()
    {
        var html = HtmlReportWriter.Render(Statistics(20), "results.csv");

        Assert.DoesNotContain("id=\"bad-rows\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1000, 46, "1,000 asked for more pairs than the dataset has (46): all 46 are judged")]
    [InlineData(20, 20, "20 of 46 pairs, stratified by label and language")]
    [InlineData(null, 46, null)]
    public async Task The_dataset_section_says_what_the_sample_took(int? asked, long taken, string? expected)
    {
        // FourOfFifty: 50 rows, 4 bad, so 46 pairs.
        var dataset = await BadRowsDataset.ReadAsync(BadRowsDataset.FourOfFifty());
        var html = HtmlReportWriter.Render(Report(dataset with { Sample = new SampleReport(asked, taken) }));

        if (expected is null)
        {
            Assert.DoesNotContain("<th scope=\"row\">sample</th>", html, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"<tr><th scope=\"row\">sample</th><td>{expected}</td></tr>", html, StringComparison.Ordinal);
        }
    }

    private static StatisticsResult Statistics(int pairs) =>
        StatisticsCalculator.Compute(HandMadeJudges.Rows(pairs, HandMadeJudges.A), ["kimera"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 });

    private static RunReport Report(DatasetReport dataset) => new()
    {
        Run = new RunInfo(dataset.Source, "pairs", "f00d", 42, 500, 1, 20, ["kimera"]),
        Dataset = dataset,
        Statistics = Statistics(20),
        Reactor = new ReactorTally(),
        Judges = new Dictionary<string, JudgeTally>(),
        Caches = new RunCaches(new CacheReport(0, 0), null),
        Timings = new RunTimings(),
    };
}
