using System.Text.RegularExpressions;
using Kimera.Cli.Summary;
using Kimera.Reporting.Model;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Summary;

/// <summary>The readable summary in a pipe (issue 14 item 3): a plain aligned table, no box drawing, no cell wrapped,
/// laid out for <c>COLUMNS</c>; blanks read n/a with a reason; the time line says what a resumed run did.</summary>
[Trait("Category", "Process")]
public sealed partial class SummaryLayoutTests : IDisposable
{
    // The hand-counted table of AnalyzeCommandTests: both judges TP 3, FP 1, TN 3, FN 1 (0.750 everywhere);
    // AUROC kimera 14/16 = 0.875; agreement 4 of 8 pairs = 50.0%, kappa 0.
    private const string EightRows = """
        pair_id,label,kimera_pred,kimera_score,llm_pred,llm_score
        1,1,true,0.9,true,0.8
        2,1,true,0.8,false,0.4
        3,1,false,0.3,true,0.7
        4,1,true,0.7,true,0.9
        5,0,false,0.2,false,0.1
        6,0,true,0.6,false,0.3
        7,0,false,0.1,false,0.2
        8,0,false,0.4,true,0.6

        """;

    private readonly TempDirectory _temp = new();

    [Fact]
    public void A_plain_table_aligns_names_left_and_figures_right_with_two_spaces_between_columns()
    {
        using var text = new StringWriter { NewLine = "\n" };
        var output = new PlainSummaryOutput(text, 80);
        var table = new SummaryTable(["judge", "precision", "F1"], [["kimera", "0.750", "0.750 [0.500, 1.000]"], ["llm", "n/a", "1.000"]]);

        output.Table(table);

        // Widths 6, 9 and 20, plus 2 × 2 spaces.
        Assert.Equal(39, output.WidthOf(table));
        Assert.Equal(
            "judge   precision                    F1\n" +
            "kimera      0.750  0.750 [0.500, 1.000]\n" +
            "llm           n/a                 1.000\n",
            text.ToString());
    }

    [Fact]
    public async Task At_200_columns_each_interval_stays_beside_its_value_in_one_table()
    {
        var lines = await SummaryLinesAsync(200);

        Assert.Single(lines, l => l.StartsWith("judge", StringComparison.Ordinal));
        Assert.Matches(WideHeader(), lines.Single(l => l.StartsWith("judge", StringComparison.Ordinal)));
        Assert.Matches(WideKimeraRow(), lines.Single(l => IsRow(l) && l.StartsWith("kimera", StringComparison.Ordinal)));
        AssertPlain(lines, 200);
    }

    [Fact]
    public async Task At_80_columns_values_and_intervals_are_two_tables_that_fit()
    {
        var lines = await SummaryLinesAsync(80);

        var headers = lines.Where(l => l.StartsWith("judge", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, headers.Length);
        // Column widths 6, 8, 9, 6, 5, 5, 6, 6: every header whole, the figures right-aligned under them.
        Assert.Equal("judge   accuracy  precision  recall     F1  AUROC  judged  errors", headers[0]);
        var kimeraRows = lines.Where(l => IsRow(l) && l.StartsWith("kimera", StringComparison.Ordinal)).ToArray();
        Assert.Equal("kimera     0.750      0.750   0.750  0.750  0.875       8       0", kimeraRows[0]);
        Assert.Matches(IntervalHeader(), headers[1]);
        Assert.Matches(IntervalRow(), kimeraRows[1]);
        Assert.Contains("kimera vs llm: agreement 50.0% of 8 pairs, kappa 0.000, McNemar p = ", string.Join('\n', lines), StringComparison.Ordinal);
        AssertPlain(lines, 80);
    }

    [Fact]
    public async Task Kappa_that_cannot_be_computed_reads_na_with_the_reason()
    {
        // Both judges call both pairs a contradiction: agreement 100%, chance agreement 100%, kappa undefined.
        var table = _temp.File("constant.csv");
        await File.WriteAllTextAsync(table, "label,kimera_pred,kimera_score,llm_pred,llm_score\n1,true,0.9,true,0.8\n0,true,0.7,true,0.6\n");

        var (exit, output, error) = await KimeraProcess.RunAsync("analyze", table, "--bootstrap", "0", "--folds", "2");

        Assert.True(exit == 0, error);
        Assert.Contains(
            "kimera vs llm: agreement 100.0% of 2 pairs, kappa n/a (both judges gave the same verdict on every pair, so agreement by chance is 100%)",
            output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("kappa ,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_time_line_of_a_run_that_reused_every_chunk_gives_no_rate()
    {
        var timings = new RunTimings { TotalSeconds = 1.24, ChunksReused = 1, PairsProcessed = 0, Parallelism = 2 };

        Assert.Equal(
            "time: 1.2 s (all 1 chunk reused from an earlier run into this folder; no pair processed again)",
            RunSummaryView.TimeLine(timings, chunks: 1));
    }

    [Fact]
    public void The_time_line_names_parallel_chunks_only_when_more_than_one_ran_at_a_time()
    {
        var oneChunk = new RunTimings { TotalSeconds = 12, ProcessSeconds = 10, PairsProcessed = 50, Parallelism = 2 };
        var resumed = new RunTimings { TotalSeconds = 20, ProcessSeconds = 16, ChunksReused = 2, PairsProcessed = 400, Parallelism = 4 };

        Assert.Equal("time: 12.0 s (50 pairs processed at 5.0 pairs/s)", RunSummaryView.TimeLine(oneChunk, chunks: 1));
        Assert.Equal(
            "time: 20.0 s (400 pairs processed at 25 pairs/s, 3 chunks at a time; 2 of 5 chunks reused from an earlier run into this folder)",
            RunSummaryView.TimeLine(resumed, chunks: 5));
    }

    public void Dispose() => _temp.Dispose();

    private static void AssertPlain(IReadOnlyList<string> lines, int width)
    {
        Assert.DoesNotContain(lines, l => l.IndexOfAny(['│', '─', '╭', '╰', '┃', '━', '|']) >= 0);
        Assert.DoesNotContain(lines, l => l.Trim() == "%");
        var tableLines = lines.Where(l => l.StartsWith("judge", StringComparison.Ordinal) || IsRow(l));
        Assert.All(tableLines, l => Assert.True(l.Length <= width, $"{l.Length} columns: {l}"));
    }

    /// <summary>A row of a metrics table: a judge's name, then at least two spaces (a comparison line reads "kimera vs llm").</summary>
    private static bool IsRow(string line) => TableRow().IsMatch(line);

    private async Task<string[]> SummaryLinesAsync(int columns)
    {
        var table = _temp.File("results.csv");
        await File.WriteAllTextAsync(table, EightRows.Replace("\r", string.Empty, StringComparison.Ordinal));
        var environment = new Dictionary<string, string?> { ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var (exit, output, error) = await KimeraProcess.RunAsync(environment, "analyze", table, "--bootstrap", "200", "--folds", "2");

        Assert.True(exit == 0, error);
        return output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
    }

    [GeneratedRegex(@"^(kimera|llm) {2,}")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^judge\s+accuracy\s+precision\s+recall\s+F1\s+AUROC\s+judged\s+errors$")]
    private static partial Regex WideHeader();

    [GeneratedRegex(@"^kimera\s+0\.750 \[\d\.\d{3}, \d\.\d{3}\]\s+0\.750\s+0\.750\s+0\.750 \[\d\.\d{3}, \d\.\d{3}\]\s+0\.875 \[\d\.\d{3}, \d\.\d{3}\]\s+8\s+0$")]
    private static partial Regex WideKimeraRow();

    [GeneratedRegex(@"^judge\s+accuracy 95% CI\s+F1 95% CI\s+AUROC 95% CI$")]
    private static partial Regex IntervalHeader();

    [GeneratedRegex(@"^kimera(\s+\[\d\.\d{3}, \d\.\d{3}\]){3}$")]
    private static partial Regex IntervalRow();
}
