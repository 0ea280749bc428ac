using System.Globalization;
using System.Text;
using System.Text.Json;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Xunit.Abstractions;

namespace Kimera.Cli.Tests.Reporting;

/// <summary>The report sections that explain the numbers (typical mistakes, disagreements, the inverted-ranking warning),
/// checked in report.json against the documented rule and in a real headless Chromium, with screenshots kept.</summary>
[Trait("Category", "Process")]
[Trait("Category", "Browser")]
public sealed class ExplainingReportTests(TwoJudgeRunFixture run, ITestOutputHelper output) : IClassFixture<TwoJudgeRunFixture>, IDisposable
{
    /// <summary>Appended to a copy of the page: logs every section wider than the window, then a line proving it ran.</summary>
    private const string LayoutProbe =
        "<script>for (const s of document.querySelectorAll('section')) { if (s.scrollWidth > s.clientWidth) console.log('overflow: ' + s.id + ' ' + s.scrollWidth + ' > ' + s.clientWidth); }" +
        " console.log('layout-probe-done ' + document.documentElement.scrollWidth);</script>";

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Report_json_examples_follow_the_documented_rule_on_the_runs_own_pairs_csv()
    {
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run.RunDirectory, "report.json")));
        var examples = report.RootElement.GetProperty("examples");
        var rows = await ReadPairsAsync();

        // The reference: every row of pairs.csv sorted by the rule of docs/architecture.md ("Report examples").
        foreach (var (judge, index) in new[] { ("kimera", 0), ("llm", 1) })
        {
            var mistakes = examples.GetProperty("mistakes").EnumerateArray().Single(m => m.GetProperty("judge").GetString() == judge);
            var missed = rows.Where(r => r.Row.Label == true && r.Row.Judges[index] is { IsJudged: true, Prediction: false })
                .OrderBy(r => r.Row.Judges[index].Score).ThenBy(r => -(r.Row.Resonance ?? double.NegativeInfinity))
                .ThenBy(r => r.Row.PairId, StringComparer.Ordinal).ToList();
            var falseAlarms = rows.Where(r => r.Row.Label == false && r.Row.Judges[index] is { IsJudged: true, Prediction: true })
                .OrderByDescending(r => r.Row.Judges[index].Score).ThenBy(r => r.Row.Resonance ?? double.PositiveInfinity)
                .ThenBy(r => r.Row.PairId, StringComparer.Ordinal).ToList();
            Assert.Equal(missed.Count, mistakes.GetProperty("missed_count").GetInt64());
            Assert.Equal(falseAlarms.Count, mistakes.GetProperty("false_alarm_count").GetInt64());
            Assert.Equal(missed.Take(3).Select(r => r.Row.PairId), Ids(mistakes.GetProperty("missed_contradictions")));
            Assert.Equal(falseAlarms.Take(3).Select(r => r.Row.PairId), Ids(mistakes.GetProperty("false_alarms")));
        }

        var disagreements = examples.GetProperty("disagreements");
        var onlyLlm = rows.Where(r => r.Row.Judges[0] is { IsJudged: true, Prediction: false } && r.Row.Judges[1] is { IsJudged: true, Prediction: true })
            .OrderByDescending(r => Math.Abs(r.Row.Judges[0].Score!.Value - r.Row.Judges[1].Score!.Value))
            .ThenBy(r => r.Row.PairId, StringComparer.Ordinal).ToList();
        Assert.True(onlyLlm.Count > 0, "The sample should hold pairs that only the fake LLM calls contradictions.");
        Assert.Equal(onlyLlm.Count, disagreements.GetProperty("only_b_count").GetInt64());
        Assert.Equal(onlyLlm.Take(3).Select(r => r.Row.PairId), Ids(disagreements.GetProperty("only_b")));

        // Each example carries both verdicts, scores and reasons, as pairs.csv has them.
        var first = disagreements.GetProperty("only_b")[0];
        var source = onlyLlm[0].Row;
        Assert.Equal(source.Text1, first.GetProperty("text1").GetString());
        var verdicts = first.GetProperty("verdicts").EnumerateArray().ToList();
        Assert.Equal(["kimera", "llm"], verdicts.Select(v => v.GetProperty("judge").GetString()));
        Assert.Equal([false, true], verdicts.Select(v => v.GetProperty("contradiction").GetBoolean()));
        Assert.Equal(source.Judges[1].Score, verdicts[1].GetProperty("score").GetDouble());
        Assert.Equal("exactly one statement is negated", verdicts[1].GetProperty("reasoning").GetString());
        Assert.False(string.IsNullOrEmpty(verdicts[0].GetProperty("reasoning").GetString()));
    }

    [Fact]
    public async Task Run_report_shows_mistakes_and_disagreements_in_headless_chromium_and_every_section_fits_1280_px()
    {
        var html = Path.Combine(run.RunDirectory, "report.html");
        var (rendered, consoleLines) = await RenderAsync(html);

        Assert.Contains("<section id=\"mistakes\"><h2>Typical mistakes</h2>", rendered, StringComparison.Ordinal);
        Assert.Contains("<section id=\"examples\"><h2>Examples: where the judges disagree</h2>", rendered, StringComparison.Ordinal);
        Assert.Contains("Only the LLM called a contradiction", rendered, StringComparison.Ordinal);
        Assert.Contains("exactly one statement is negated", rendered, StringComparison.Ordinal);
        Assert.Contains("<section id=\"throughput\">", rendered, StringComparison.Ordinal);
        AssertFits(consoleLines);

        await ScreenshotAsync(html, "report-examples-screenshot.png");
    }

    [Fact]
    public async Task Analyze_report_of_an_inverted_judge_says_so_in_plain_words_in_headless_chromium()
    {
        // A hand-built results table: kimera scores every contradiction 0.1 and every non-contradiction 0.9 (AUROC 0);
        // the llm is right everywhere. With 200 resamples every bootstrap AUROC of kimera is 0, so its interval is [0, 0].
        var table = new StringBuilder("pair_id,text1,text2,label,resonance,kimera_pred,kimera_score,kimera_reasoning,llm_pred,llm_score,llm_reasoning\n");
        for (var i = 0; i < 20; i++)
        {
            var contradiction = i % 2 == 0;
            table.Append(CultureInfo.InvariantCulture, $"p{i:D2},The door is {(contradiction ? "open" : "red")} <{i}>,\"The door is closed, \"\"surely\"\"\",{(contradiction ? 1 : 0)},{0.80 + (i * 0.005):0.000},")
                .Append(contradiction ? "false,0.1,High resonance indicates compatibility," : "true,0.9,One statement negates the other,")
                .Append(contradiction ? "true,0.9,opposite states\n" : "false,0.1,compatible\n");
        }

        var csv = _temp.File("inverted.csv");
        await File.WriteAllTextAsync(csv, table.ToString());
        var (exit, _, error) = await KimeraProcess.RunAsync("analyze", csv, "--bootstrap", "200", "--folds", "2", "--out", _temp.File("analysis"));
        Assert.True(exit == 0, error);

        var html = _temp.File("analysis/report.html");
        var (rendered, consoleLines) = await RenderAsync(html);

        Assert.Contains("Kimera's score ranks contradictions below non-contradictions on these pairs: AUROC 0.000 (95% interval [0.000, 0.000]", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("the LLM's score ranks", rendered, StringComparison.OrdinalIgnoreCase);
        // Missed contradictions all score 0.1: the highest resonance first (p18, 0.890), then p16, p14; escaped text shown as text.
        var missed = rendered[rendered.IndexOf("examples missed", StringComparison.Ordinal)..];
        Assert.True(missed.IndexOf(">p18<", StringComparison.Ordinal) < missed.IndexOf(">p16<", StringComparison.Ordinal));
        Assert.True(missed.IndexOf(">p16<", StringComparison.Ordinal) < missed.IndexOf(">p14<", StringComparison.Ordinal));
        Assert.Contains("The door is open &lt;18&gt;", rendered, StringComparison.Ordinal);
        AssertFits(consoleLines);

        await ScreenshotAsync(html, "report-inverted-screenshot.png");
    }

    public void Dispose() => _temp.Dispose();

    private async Task<(string Dom, IReadOnlyList<string> Console)> RenderAsync(string html)
    {
        var dom = HeadlessChromium.RunAsync(html, "--window-size=1280,2400", "--dump-dom");
        var probed = _temp.File($"probe-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(probed, (await File.ReadAllTextAsync(html)).Replace("</body>", LayoutProbe + "</body>", StringComparison.Ordinal));
        var probe = HeadlessChromium.RunAsync(probed, "--window-size=1280,2400", "--enable-logging=stderr", "--v=0", "--dump-dom");
        await Task.WhenAll(dom, probe);
        Assert.Equal(0, (await dom).ExitCode);
        return ((await dom).Out, HeadlessChromium.ConsoleLines((await probe).Error));
    }

    private static void AssertFits(IReadOnlyList<string> consoleLines)
    {
        // The probe ran (else an empty list would prove nothing) and found no section wider than a 1280 px window.
        Assert.Contains(consoleLines, line => line.Contains("layout-probe-done 1280", StringComparison.Ordinal));
        Assert.DoesNotContain(consoleLines, line => line.Contains("overflow:", StringComparison.Ordinal));
    }

    private async Task ScreenshotAsync(string html, string name)
    {
        var screenshot = Path.Combine(ResultsDirectory(), name);
        File.Delete(screenshot);
        var (exit, _, _) = await HeadlessChromium.RunAsync(html, $"--screenshot={screenshot}", "--window-size=1280,4000");
        Assert.Equal(0, exit);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        output.WriteLine($"screenshot: {screenshot}");
        Console.WriteLine($"screenshot: {screenshot}");
    }

    private async Task<List<(ResultRow Row, long Position)>> ReadPairsAsync()
    {
        await using var stream = File.OpenRead(Path.Combine(run.RunDirectory, "pairs.csv"));
        await using var reader = await PairResultsReader.OpenAsync(stream, "pairs.csv");
        Assert.Equal(["kimera", "llm"], reader.Judges);
        var rows = new List<(ResultRow, long)>();
        await foreach (var row in reader.ReadAllAsync())
        {
            rows.Add((row, rows.Count + 1));
        }

        return rows;
    }

    private static IEnumerable<string?> Ids(JsonElement pairs) => pairs.EnumerateArray().Select(p => p.GetProperty("pair_id").GetString());

    private static string ResultsDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("TEST_RESULTS_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepoPaths.RepoRoot, "artifacts", "test-results");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
