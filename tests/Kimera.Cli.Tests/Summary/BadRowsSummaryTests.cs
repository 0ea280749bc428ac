using Kimera.Cli.Summary;
using Kimera.Reporting.Model;
using Kimera.Statistics;
using Kimera.TestSupport.Datasets;
using Kimera.TestSupport.Statistics;

namespace Kimera.Cli.Tests.Summary;

/// <summary>Bad rows in sight (issue 24, point 5): above 1% of the rows read, the summary of <c>kimera run</c> shows the bad
/// rows by kind and the first three with their lines, right after the dataset's lines and before the metrics; at or below
/// 1% the first line's count stays alone. And the notice of a <c>--sample</c> above the dataset's pairs.</summary>
public sealed class BadRowsSummaryTests
{
    /// <summary>BadRowsDataset.FourOfFifty, derived by hand: rows 4, 11, 26 and 40 are bad, on lines 5, 12, 27 and 41 (the
    /// header is line 1); 4 of 50 = 8.0%; MissingText 3 (rows 4, 26, 40), FieldCount 1 (row 11: "p11", "First sentence 11",
    /// " with a comma.", "Second sentence 11.", "0" is 5 fields).</summary>
    private static readonly string[] FourOfFiftyLines =
    [
        "4 bad rows of 50 read (8.0%), by kind: MissingText 3, FieldCount 1",
        "  line 5 (id p4): text2 is empty",
        "  line 12 (id p11): the row has 5 fields, the header has 4 (an unquoted comma in a text?)",
        "  line 27 (id p26): text1 is empty",
        "  and 1 more bad row: every one in report.html (Dataset) and report.json (dataset.problems)",
    ];

    [Fact]
    public async Task Over_one_percent_the_summary_shows_the_kinds_and_the_first_three_bad_rows_before_the_metrics()
    {
        var dataset = await BadRowsDataset.ReadAsync(BadRowsDataset.FourOfFifty());

        var lines = SummaryLines(Report(dataset, pairs: 46));

        Assert.Equal("bad_rows.csv: pairs, 46 pairs (46 labelled), 4 bad rows", lines[0]);
        var first = lines.IndexOf(FourOfFiftyLines[0]);
        Assert.True(first > 0, string.Join('\n', lines));
        Assert.Equal(FourOfFiftyLines, lines.Skip(first).Take(FourOfFiftyLines.Length));
        // The metrics table comes next.
        Assert.StartsWith("judge ", lines[first + FourOfFiftyLines.Length], StringComparison.Ordinal);
        Assert.Equal(FourOfFiftyLines, RunSummaryView.BadRowLines(dataset));
    }

    [Fact]
    public async Task Two_bad_rows_of_a_hundred_are_over_one_percent_and_all_shown_with_nothing_more_to_say()
    {
        var dataset = await BadRowsDataset.ReadAsync(BadRowsDataset.TwoOfHundred());

        // Rows 50 and 70 without text2, on lines 51 and 71: 2 of 100 = 2.0%.
        Assert.Equal(
            [
                "2 bad rows of 100 read (2.0%), by kind: MissingText 2",
                "  line 51 (id p50): text2 is empty",
                "  line 71 (id p70): text2 is empty",
            ],
            RunSummaryView.BadRowLines(dataset));
    }

    [Fact]
    public async Task At_one_percent_the_summary_keeps_the_short_count()
    {
        var dataset = await BadRowsDataset.ReadAsync(BadRowsDataset.OneOfHundred());

        var lines = SummaryLines(Report(dataset, pairs: 99));

        // Row 50 without text2: 1 of 100 rows = 1.0%, not more than 1%.
        Assert.Equal((100L, 1L), (dataset.RowsRead, dataset.BadRows));
        Assert.Equal("bad_rows.csv: pairs, 99 pairs (99 labelled), 1 bad rows", lines[0]);
        Assert.Empty(RunSummaryView.BadRowLines(dataset));
        Assert.Single(lines, l => l.Contains("bad row", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("line 51", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, 50, null)]
    [InlineData(20, 20, null)]
    [InlineData(50, 50, null)]
    [InlineData(1000, 50, "--sample 1000 asked for more pairs than the dataset has (50): all 50 are judged")]
    [InlineData(51, 50, "--sample 51 asked for more pairs than the dataset has (50): all 50 are judged")]
    public async Task A_sample_above_the_dataset_says_so_in_one_line(int? asked, long taken, string? expected)
    {
        var dataset = await BadRowsDataset.ReadAsync(BadRowsDataset.OneOfHundred()) with { Sample = new SampleReport(asked, taken) };

        Assert.Equal(expected, RunSummaryView.SampleLine(dataset));
        var lines = SummaryLines(Report(dataset, pairs: 99));
        Assert.Equal(expected is null ? 0 : 1, lines.Count(l => l.StartsWith("--sample", StringComparison.Ordinal)));
        if (expected is not null)
        {
            // Among the dataset's lines, before the metrics table.
            Assert.True(lines.IndexOf(expected) < lines.FindIndex(l => l.StartsWith("judge ", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void A_report_written_before_samples_were_recorded_has_no_sample_line()
    {
        var old = new DatasetReport("up.csv", "pairs", [], 20, 20, 0, 20, 10, 10, 0, 0, 0, false, new Dictionary<string, long>(), new Dictionary<string, long>(), [], []);

        Assert.Null(RunSummaryView.SampleLine(old));
        Assert.Empty(RunSummaryView.BadRowLines(old));
    }

    private static List<string> SummaryLines(RunReport report)
    {
        using var text = new StringWriter { NewLine = "\n" };
        RunSummaryView.Write(new PlainSummaryOutput(text, 200), report, "runs/bad_rows");
        return [.. text.ToString().Split('\n')];
    }

    /// <summary>A run report around <paramref name="dataset"/>; the statistics are any hand-made ones of as many pairs.</summary>
    private static RunReport Report(DatasetReport dataset, int pairs) => new()
    {
        Run = new RunInfo(dataset.Source, "pairs", "f00d", 42, 500, 1, pairs, ["kimera"]),
        Dataset = dataset,
        Statistics = StatisticsCalculator.Compute(HandMadeJudges.Rows(pairs, HandMadeJudges.A), ["kimera"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 }),
        Reactor = new ReactorTally(),
        Judges = new Dictionary<string, JudgeTally>(),
        Caches = new RunCaches(new CacheReport(0, 0), null),
        Timings = new RunTimings(),
    };
}
