using Kimera.Datasets.Layouts;
using Kimera.Reporting.Model;
using Kimera.Statistics;
using Kimera.TestSupport.Statistics;

namespace Kimera.Reporting.Tests;

/// <summary>How the dataset was read (format, layout, label note) and its rows without a gold label, in report.html's
/// dataset section and in the texts the terminal summary and <c>kimera validate</c> share.</summary>
public sealed class DatasetReadingReportTests
{
    private static readonly DatasetMapping HuggingFace = new(
        "parquet", "nli", "premise", "hypothesis", "label", null, ["contradiction", "c", "2"], null,
        "label ids read by the Hugging Face convention 0 entailment, 1 neutral, 2 contradiction (the file carries no ClassLabel names)");

    [Fact]
    public void The_read_as_line_names_format_layout_and_columns()
    {
        var report = Dataset(HuggingFace, 0, [], "row");

        Assert.Equal(
            "parquet, nli layout: text1 = premise, text2 = hypothesis, label = label (contradiction = contradiction or c or 2), ids from line numbers",
            report.ReadAsText());
        Assert.Equal(HuggingFace.LabelNote, report.LabelNoteText());
        Assert.Null(report.NoGoldText());
    }

    [Theory]
    [InlineData(1, new long[] { 11 }, "line", "1 row without a gold label (line 11)")]
    [InlineData(2, new long[] { 3, 7 }, "line", "2 rows without a gold label (lines 3, 7)")]
    [InlineData(3, new long[] { 3, 7 }, "line", "3 rows without a gold label (lines 3, 7, …)")]
    [InlineData(2, new long[] { 1, 4 }, "row", "2 rows without a gold label (rows 1, 4)")]
    public void Rows_without_a_gold_label_are_counted_with_their_positions(long count, long[] lines, string unit, string text)
    {
        Assert.Equal(text, Dataset(HuggingFace, count, lines, unit).NoGoldText());
    }

    [Fact]
    public void A_dataset_json_written_before_formats_were_reported_has_no_reading_lines()
    {
        var old = new DatasetReport("up.csv", "pairs", [], 20, 20, 0, 20, 10, 10, 0, 0, 0, false, new Dictionary<string, long>(), new Dictionary<string, long>(), [], []);

        Assert.Equal((null, null, null, 0L, "line"), (old.ReadAsText(), old.LabelNoteText(), old.NoGoldText(), old.NoGoldRows, old.RecordUnit));
    }

    [Fact]
    public void The_dataset_section_shows_the_reading_the_label_note_and_the_rows_without_gold_label()
    {
        var html = HtmlReportWriter.Render(Report(Dataset(HuggingFace, 2, [3, 7], "row")));

        Assert.Contains(
            "<tr><th scope=\"row\">read as</th><td>parquet, nli layout: text1 = premise, text2 = hypothesis, label = label (contradiction = contradiction or c or 2), ids from line numbers</td></tr>" +
            "<tr><th scope=\"row\">labels</th><td>label ids read by the Hugging Face convention 0 entailment, 1 neutral, 2 contradiction (the file carries no ClassLabel names)</td></tr>" +
            "<tr><th scope=\"row\">no gold label</th><td>2 rows without a gold label (rows 3, 7)</td></tr>",
            html,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_report_shows_none_of_the_new_lines()
    {
        var html = HtmlReportWriter.Render(Report(new DatasetReport("up.csv", "pairs", [], 20, 20, 0, 20, 10, 10, 0, 0, 0, false, new Dictionary<string, long>(), new Dictionary<string, long>(), [], [])));

        Assert.Contains("<section id=\"dataset\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">read as<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">no gold label<", html, StringComparison.Ordinal);
    }

    private static DatasetReport Dataset(DatasetMapping mapping, long noGold, long[] lines, string unit) =>
        new("hf.parquet", "pairs", ["premise", "hypothesis", "label"], 20 + noGold, 20, 0, 20, 10, 10, 0, 0, 0, false,
            new Dictionary<string, long> { ["en"] = 20 }, new Dictionary<string, long> { ["en"] = 20 }, [], [], mapping, noGold, lines, unit);

    private static RunReport Report(DatasetReport dataset) => new()
    {
        Run = new RunInfo(dataset.Source, "pairs", "f00d", 42, 5, 4, 20, ["kimera", "llm"]),
        Dataset = dataset,
        Statistics = StatisticsCalculator.Compute(HandMadeJudges.Rows(20, HandMadeJudges.A, HandMadeJudges.C), ["kimera", "llm"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 }),
        Reactor = new ReactorTally(),
        Judges = new Dictionary<string, JudgeTally>(),
        Caches = new RunCaches(new CacheReport(0, 0), null),
        Timings = new RunTimings(),
    };
}
