using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kimera.Reporting;
using Kimera.Statistics;
using Kimera.Statistics.Sweeps;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Reporting;

/// <summary>The report of <c>kimera analyze</c> on hand-made results of 2, 3 and 6 judges, rendered by a real headless
/// Chromium: it loads without a console error, has the sections of its number of judges, fits a 1280 px window, and the
/// rendered page shows the ranking worked out by hand (<see cref="HandMadeResults"/>).</summary>
[Trait("Category", "Process")]
[Trait("Category", "Browser")]
public sealed partial class ManyJudgesReportTests : IDisposable
{
    /// <summary>Appended to the page: reports script errors, the charts that were laid out with a size, sections wider
    /// than the window, then a line proving it ran.</summary>
    private const string Probe =
        "<script>window.addEventListener('error', e => console.log('page-error: ' + e.message));" +
        " const charts = [...document.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width > 0).length;" +
        " for (const s of document.querySelectorAll('section')) { if (s.scrollWidth > s.clientWidth) console.log('overflow: ' + s.id + ' ' + s.scrollWidth + ' > ' + s.clientWidth); }" +
        " console.log('probe-done charts=' + charts + ' width=' + document.documentElement.scrollWidth);</script>";

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Two_judges_keep_the_two_judge_report_in_headless_chromium()
    {
        var (dom, console) = await AnalyzeAndRenderAsync("two", ("kimera", HandMadeResults.FirstWrong(2)), ("llm", HandMadeResults.FirstWrong(10)));

        Assert.Contains("<h2>Is Kimera as good as the LLM?</h2>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"ranking\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"pairwise\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"noise\"", dom, StringComparison.Ordinal);
        // Kimera right on 8 pairs the LLM got wrong, never the reverse: exact p = 2/256 = 0.0078.
        Assert.Contains("Yes — Kimera is more accurate than the LLM on these pairs.", dom, StringComparison.Ordinal);
        // Two curves per chart (ROC, PR) plus the error-analysis bar charts.
        AssertClean(console, charts: 2 + ErrorAnalysisCharts(dom));
    }

    [Fact]
    public async Task Three_judges_get_the_ranking_heat_maps_and_all_curves_in_headless_chromium()
    {
        var (dom, console) = await AnalyzeAndRenderAsync(
            "three", ("c", HandMadeResults.FirstWrong(10)), ("a", HandMadeResults.FirstWrong(2)), ("b", HandMadeResults.FirstWrong(5)));

        Assert.Contains("<h2>Which judges are as good as the best one?</h2>", dom, StringComparison.Ordinal);
        Assert.Contains("a and b are as good as the best one; c is less accurate.", dom, StringComparison.Ordinal);
        Assert.Equal([("a", "0.900"), ("b", "0.750"), ("c", "0.500")], Ranking(dom, "by-accuracy"));
        Assert.Equal([("a", "0.900"), ("b", "0.750"), ("c", "0.500")], Ranking(dom, "by-auroc"));
        Assert.Equal(3, HeatMaps(dom));
        // Accuracy a − c = 18/20 − 10/20 on the same pairs, exact McNemar 2/256 × 3 (Holm) = 0.023.
        Assert.Contains("+0.400<br><small>p 0.023 *</small>", WebUtility.HtmlDecode(dom), StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(dom, "<path class=\"curve roc\""));
        Assert.Equal(3, Regex.Count(dom, "<path class=\"curve pr\""));
        AssertClean(console, charts: 2 + ErrorAnalysisCharts(dom));
    }

    [Fact]
    public async Task Six_judges_with_repeats_get_ranking_heat_maps_noise_and_six_curves_in_headless_chromium()
    {
        // j1…j6 wrong on the first 1, 3, 5, 7, 9, 11 of 20 pairs: accuracies 0.95 … 0.45; columns out of order; j6 asked
        // three times (its repeats: as j6, also wrong on 12 and 13, right on pair 0): flips 0, 12, 13 → 3 of 20.
        int[] j6 = HandMadeResults.FirstWrong(11);
        var (dom, console) = await AnalyzeAndRenderAsync(
            "six",
            ("j4", HandMadeResults.FirstWrong(7)), ("j1", HandMadeResults.FirstWrong(1)), ("j6", j6), ("j6@1", j6), ("j6@2", [.. j6, 12, 13]), ("j6@3", [.. j6.Skip(1)]),
            ("j2", HandMadeResults.FirstWrong(3)), ("j5", HandMadeResults.FirstWrong(9)), ("j3", HandMadeResults.FirstWrong(5)));

        Assert.Equal(
            [("j1", "0.950"), ("j2", "0.850"), ("j3", "0.750"), ("j4", "0.650"), ("j5", "0.550"), ("j6", "0.450")],
            Ranking(dom, "by-accuracy"));
        Assert.Equal(3, HeatMaps(dom));
        Assert.Equal(6, Regex.Count(dom, "<path class=\"curve roc\""));
        Assert.Equal(6, Regex.Matches(dom, "<path class=\"curve roc\"[^>]*?stroke-dasharray=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().Count() + 1);
        Assert.DoesNotContain("j6@", dom[dom.IndexOf("<section id=\"summary\"", StringComparison.Ordinal)..dom.IndexOf("<section id=\"noise\"", StringComparison.Ordinal)], StringComparison.Ordinal);
        // Repeat accuracies 9/20, 7/20, 10/20: floor 0.15; the judges differ by up to 0.95 − 0.45 = 0.5, and of the 15
        // pairs of judges the 5 one step apart (0.1) are within the floor.
        Assert.Contains("<td>3</td><td>20</td><td>3</td><td>15.0%</td>", dom, StringComparison.Ordinal);
        Assert.Contains("moved its accuracy by up to 0.150 (its noise floor). The judges' accuracies differ by up to 0.500 (j1 against j6); 5 of the 15 differences between two judges are no larger than that noise floor.", WebUtility.HtmlDecode(dom), StringComparison.Ordinal);
        AssertClean(console, charts: 2 + ErrorAnalysisCharts(dom));
    }

    [Fact]
    public async Task A_sweep_of_five_kimera_variants_gets_its_chart_with_interval_whiskers_in_headless_chromium()
    {
        // Variants k60…k80 of one run, wrong on the first 10, 8, 6, 4, 2 of 20 pairs: accuracy 0.5, 0.6, 0.7, 0.8, 0.9 at
        // resonance_threshold 0.60 … 0.80 (the statistics of a sweep run, built here as the aggregator builds them).
        double[] values = [0.6, 0.65, 0.7, 0.75, 0.8];
        string[] names = [.. values.Select(v => string.Create(CultureInfo.InvariantCulture, $"k{v * 100:0}"))];
        var rows = Enumerable.Range(0, 20).Select(i =>
        {
            var label = i % 2 == 0;
            return new PairOutcome(label, "en", "t", $"The door is open ({i})", "The door is closed", [.. values.Select((_, k) =>
            {
                var pred = i < 10 - (2 * k) ? !label : label;
                return new JudgeOutcome(pred, pred ? 0.8 : 0.2);
            })]);
        }).ToList();
        var options = new StatisticsOptions
        {
            BootstrapResamples = 200,
            Folds = 2,
            Sweep = new SweepAxis("resonance_threshold", [.. names.Select((n, k) => new SweepPoint(n, values[k]))]),
        };
        var html = _temp.File("sweep.html");
        await File.WriteAllTextAsync(html, HtmlReportWriter.Render(StatisticsCalculator.Compute(rows, names, options), "sweep.csv").Replace("</body>", Probe + "</body>", StringComparison.Ordinal));

        var (code, dom, stderr) = await HeadlessChromium.RunAsync(html, "--window-size=1280,2400", "--enable-logging=stderr", "--v=0", "--dump-dom");

        Assert.Equal(0, code);
        var sweep = dom[dom.IndexOf("<section id=\"sweep\">", StringComparison.Ordinal)..];
        sweep = sweep[..sweep.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Equal(["accuracy", "F1", "AUROC"], Regex.Matches(sweep, "<path class=\"curve sweep\" data-series=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(15, Regex.Count(sweep, "<path class=\"whisker\""));
        Assert.Equal(
            [("0.6", "k60", "0.500"), ("0.65", "k65", "0.600"), ("0.7", "k70", "0.700"), ("0.75", "k75", "0.800"), ("0.8", "k80", "0.900")],
            Regex.Matches(sweep, "<tr><th scope=\"row\">([0-9.]+)</th><td>(k\\d+)</td><td>([0-9.]+)<br>").Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)));
        // ROC, PR and the sweep chart, besides the error-analysis bars; five judges also get the ranking.
        Assert.Contains("id=\"ranking\"", dom, StringComparison.Ordinal);
        AssertClean(HeadlessChromium.ConsoleLines(stderr), charts: 3 + ErrorAnalysisCharts(dom));
    }

    public void Dispose() => _temp.Dispose();

    private async Task<(string Dom, IReadOnlyList<string> Console)> AnalyzeAndRenderAsync(string name, params (string Judge, int[] Wrong)[] judges)
    {
        var csv = _temp.File($"{name}.csv");
        await File.WriteAllTextAsync(csv, HandMadeResults.Csv(20, judges));
        var (exit, _, error) = await KimeraProcess.RunAsync("analyze", csv, "--bootstrap", "200", "--folds", "2", "--out", _temp.File(name));
        Assert.True(exit == 0, error);

        var probed = _temp.File($"{name}-probed.html");
        await File.WriteAllTextAsync(probed, (await File.ReadAllTextAsync(_temp.File($"{name}/report.html"))).Replace("</body>", Probe + "</body>", StringComparison.Ordinal));
        var (code, dom, stderr) = await HeadlessChromium.RunAsync(probed, "--window-size=1280,2400", "--enable-logging=stderr", "--v=0", "--dump-dom");
        Assert.Equal(0, code);
        return (dom, HeadlessChromium.ConsoleLines(stderr));
    }

    private static void AssertClean(IReadOnlyList<string> console, int charts)
    {
        // The probe ran (else an empty list would prove nothing), saw every chart laid out, no error and no section wider than 1280 px.
        Assert.Contains(console, line => line.Contains($"probe-done charts={charts} width=1280", StringComparison.Ordinal));
        Assert.DoesNotContain(console, line => line.Contains("page-error", StringComparison.Ordinal) || line.Contains("Uncaught", StringComparison.Ordinal));
        Assert.DoesNotContain(console, line => line.Contains("overflow:", StringComparison.Ordinal));
    }

    private static int ErrorAnalysisCharts(string dom) => Regex.Count(dom, "<svg [^>]*aria-label=\"Accuracy by ");

    private static int HeatMaps(string dom) => Regex.Count(dom, "<table class=\"heatmap\"");

    private static List<(string Judge, string Value)> Ranking(string dom, string id)
    {
        var table = dom[dom.IndexOf($"id=\"{id}\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        return [.. RankingRow().Matches(table).Select(m => (m.Groups["judge"].Value, m.Groups["value"].Value))];
    }

    [GeneratedRegex("<tr data-judge=\"(?<judge>[^\"]+)\"><td>\\d+</td><th scope=\"row\">.*?</th><td>(?<value>[0-9.]+)</td>")]
    private static partial Regex RankingRow();
}
