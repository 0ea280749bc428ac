using System.Globalization;
using System.Text.Json;
using Kimera.Reporting;
using Kimera.Statistics;
using Kimera.Statistics.Sweeps;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kimera.Cli.Tests.Reporting;

/// <summary>
/// Charts never hide data (issue 24): in a real Chromium driven by Playwright, every chart of report.html is measured: its
/// legend's box (getBoundingClientRect of the legend group) against the points of every series (each curve, marker,
/// band, whisker, bar and reference line sampled every user unit along its outline with getPointAtLength, taken to the
/// screen with getScreenCTM), and its entries against each other. For one judge (the shipped sample), two judges (an
/// SNLI-layout file, Kimera and an LLM) and ten judges (a sweep of ten Kimera variants), no point may fall inside a
/// legend, no legend may be cut by its chart's edge, and no legend text may run into another entry. Screenshots of the
/// charts are kept under the test results directory (charts/&lt;case&gt;/NN.png).
/// </summary>
[Trait("Category", "Process")]
[Trait("Category", "Browser")]
public sealed class ChartLegendBrowserTests : IClassFixture<SampleRunFixture>, IDisposable
{
    /// <summary>Measures every <c>svg.chart</c> of the page; returns a JSON array, one object per chart.</summary>
    private const string Measure = """
        () => {
          const inside = (p, r) => p.x > r.left + 0.5 && p.x < r.right - 0.5 && p.y > r.top + 0.5 && p.y < r.bottom - 0.5;
          const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          return JSON.stringify([...document.querySelectorAll('svg.chart')].map(svg => {
            const frame = svg.getBoundingClientRect();
            const legends = [...svg.querySelectorAll('g.legend')];
            const boxes = legends.map(g => g.getBoundingClientRect());
            const series = [...svg.querySelectorAll('.curve, .marker, .band, .whisker, .bar, .reference')].filter(e => !e.closest('g.legend'));
            const hits = [];
            let points = 0;
            for (const box of boxes) {
              if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5) {
                hits.push('legend cut by the chart edge');
              }
            }
            for (const g of legends) {
              const parts = [...g.querySelectorAll('.legend-text, .legend-mark')].map(e => e.getBoundingClientRect());
              for (let i = 0; i < parts.length; i++) {
                for (let j = i + 1; j < parts.length; j++) {
                  if (overlap(parts[i], parts[j])) { hits.push('legend entries overlap'); }
                }
              }
            }
            for (const e of series) {
              const m = e.getScreenCTM();
              const length = e.getTotalLength();
              const steps = Math.max(1, Math.ceil(length));
              for (let k = 0; k <= steps; k++) {
                const p = e.getPointAtLength(length * k / steps).matrixTransform(m);
                points++;
                for (const box of boxes) {
                  if (inside(p, box) && hits.length < 10) {
                    hits.push(e.getAttribute('class') + ' ' + (e.dataset.series ?? '') + ' at (' + p.x.toFixed(1) + ', ' + p.y.toFixed(1) + ')');
                  }
                }
              }
              if (e.classList.contains('bar')) {
                for (const box of boxes) {
                  if (overlap(e.getBoundingClientRect(), box)) { hits.push('bar under the legend'); }
                }
              }
            }
            return {
              title: svg.getAttribute('aria-label'),
              legends: legends.length,
              entries: legends.reduce((n, g) => n + g.querySelectorAll('.legend-text').length, 0),
              elements: series.length,
              points,
              hits,
            };
          }));
        }
        """;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly SampleRunFixture _sample;
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _temp = new();

    public ChartLegendBrowserTests(SampleRunFixture sample, ITestOutputHelper output) => (_sample, _output) = (sample, output);

    [Fact]
    public async Task The_measure_sees_a_legend_drawn_over_a_curve()
    {
        // A control: the same measure on a chart whose legend box sits on its curve must report it, so that an empty list
        // of hits below means no overlap rather than a measure that sees nothing.
        var control = _temp.File("control.html");
        await File.WriteAllTextAsync(control, """
            <!DOCTYPE html><html><body><svg xmlns="http://www.w3.org/2000/svg" class="chart" aria-label="control" width="200" height="200">
            <path class="curve roc" data-series="kimera" d="M0 200L200 0" stroke="#000" fill="none"/>
            <g class="legend"><rect class="legend-box" x="60" y="60" width="80" height="80"/></g></svg></body></html>
            """);

        var charts = await MeasureAsync(control, "control");

        var chart = Assert.Single(charts);
        Assert.Equal(1, chart.Elements);
        Assert.Contains(chart.Hits, h => h.StartsWith("curve roc kimera at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_judge_on_the_shipped_sample_no_series_point_lies_under_a_legend()
    {
        var charts = await MeasureAsync(Path.Combine(_sample.RunDirectory, "report.html"), "sample");

        AssertNoHiddenData(charts, judges: 1, sweep: false);
    }

    [Fact]
    public async Task Two_judges_on_an_snli_layout_file_no_series_point_lies_under_a_legend()
    {
        var dataset = _temp.File("snli_1.0_dev.jsonl");
        await File.WriteAllLinesAsync(dataset, SnliLike.Select((row, i) => JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["gold_label"] = row.Gold,
            ["pairID"] = string.Create(CultureInfo.InvariantCulture, $"{i / 3}.jpg#{i % 3}"),
            ["sentence1"] = row.Premise,
            ["sentence2"] = row.Hypothesis,
        })));
        await using var llm = await FakeOpenAiServer.StartAsync();
        var run = _temp.File("snli");
        var (exit, output, error) = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test-charts" },
            "run", dataset, "--no-cache", "--bootstrap", SampleRunFixture.Bootstrap, "--out", run,
            "--llm-endpoint", llm.BaseUrl.ToString(), "--llm-model", "gpt-4o-mini");
        Assert.True(exit == 0, $"{error}\n{output}");

        var charts = await MeasureAsync(Path.Combine(run, "report.html"), "snli");

        AssertNoHiddenData(charts, judges: 2, sweep: false);
    }

    [Fact]
    public async Task Ten_judges_of_a_sweep_no_series_point_lies_under_a_legend()
    {
        // Ten Kimera variants k0…k9 of one run of 20 pairs, variant k wrong on the first 2k pairs (accuracy 1 − k/10), swept
        // over a threshold 0.50 … 0.95: the statistics of a sweep run, built as the aggregator builds them.
        double[] values = [.. Enumerable.Range(0, 10).Select(k => 0.5 + (0.05 * k))];
        string[] names = [.. Enumerable.Range(0, 10).Select(k => string.Create(CultureInfo.InvariantCulture, $"k{k}"))];
        var rows = Enumerable.Range(0, 20).Select(i =>
        {
            var label = i % 2 == 0;
            return new PairOutcome(label, "en", "t", $"The door is open ({i})", "The door is closed", [.. names.Select((_, k) =>
            {
                var pred = i < 2 * k ? !label : label;
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
        await File.WriteAllTextAsync(html, HtmlReportWriter.Render(StatisticsCalculator.Compute(rows, names, options), "sweep.csv"));

        var charts = await MeasureAsync(html, "ten-judges");

        AssertNoHiddenData(charts, judges: 10, sweep: true);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Every chart has a legend, series with points measured, and no point under a legend; the ROC and PR legends name
    /// every judge and their reference line, the sweep legend its three metrics.</summary>
    private static void AssertNoHiddenData(IReadOnlyList<ChartMeasure> charts, int judges, bool sweep)
    {
        var roc = Assert.Single(charts, c => c.Title == "ROC curve");
        var pr = Assert.Single(charts, c => c.Title == "Precision-recall curve");
        Assert.Equal(judges + 1, roc.Entries);
        Assert.Equal(judges + 1, pr.Entries);
        Assert.Equal(sweep ? 1 : 0, charts.Count(c => c.Title.StartsWith("Accuracy, F1 and AUROC against", StringComparison.Ordinal)));
        Assert.Contains(charts, c => c.Title.StartsWith("Accuracy by ", StringComparison.Ordinal));
        Assert.All(charts, c =>
        {
            Assert.True(c.Legends == 1, $"{c.Title}: {c.Legends} legends");
            Assert.True(c.Elements > 0 && c.Points > c.Elements, $"{c.Title}: {c.Elements} series elements, {c.Points} points measured");
            Assert.True(c.Hits.Count == 0, $"{c.Title}: data under the legend: {string.Join("; ", c.Hits)}");
        });
    }

    /// <summary>Opens <paramref name="html"/> in Chromium (1280 px wide), measures its charts and saves a screenshot of each.</summary>
    private async Task<IReadOnlyList<ChartMeasure>> MeasureAsync(string html, string name)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = HeadlessChromium.Executable() });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        await page.GotoAsync(new Uri(Path.GetFullPath(html)).AbsoluteUri);
        var charts = JsonSerializer.Deserialize<List<ChartMeasure>>(await page.EvaluateAsync<string>(Measure), Json) ?? [];
        Assert.NotEmpty(charts);

        var directory = TestResultsDirectory.Of("charts", name);
        var svgs = page.Locator("svg.chart");
        for (var i = 0; i < charts.Count; i++)
        {
            var file = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{i:D2}.png"));
            await svgs.Nth(i).ScreenshotAsync(new() { Path = file });
            _output.WriteLine($"{charts[i].Title}: {charts[i].Points} points, legend entries {charts[i].Entries}, screenshot {file}");
        }

        return charts;
    }

    /// <summary>SNLI-style triples written for this test: a premise, then an entailed, a neutral and a contradicting hypothesis.</summary>
    private static readonly (string Gold, string Premise, string Hypothesis)[] SnliLike =
    [
        ("entailment", "A man is playing a guitar on a stage.", "A man is performing music."),
        ("neutral", "A man is playing a guitar on a stage.", "The man is a famous rock star."),
        ("contradiction", "A man is playing a guitar on a stage.", "The man is sleeping in his bed."),
        ("entailment", "Two children are running through a field of flowers.", "Kids are outside."),
        ("neutral", "Two children are running through a field of flowers.", "The children are racing to their mother."),
        ("contradiction", "Two children are running through a field of flowers.", "The children are sitting in a classroom."),
        ("entailment", "A woman in a red coat waits for the bus in the rain.", "A woman is waiting outdoors."),
        ("neutral", "A woman in a red coat waits for the bus in the rain.", "The woman is going to work."),
        ("contradiction", "A woman in a red coat waits for the bus in the rain.", "The woman is driving her car on a sunny day."),
        ("entailment", "A dog catches a frisbee in the park.", "An animal is playing."),
        ("neutral", "A dog catches a frisbee in the park.", "The dog belongs to a little girl."),
        ("contradiction", "A dog catches a frisbee in the park.", "The cat is asleep on the sofa."),
        ("entailment", "An old man is reading a newspaper on a bench.", "A man is sitting."),
        ("neutral", "An old man is reading a newspaper on a bench.", "The man is waiting for his wife."),
        ("contradiction", "An old man is reading a newspaper on a bench.", "The man is not reading anything."),
        ("entailment", "A group of people are eating dinner at a long table.", "People are having a meal."),
        ("neutral", "A group of people are eating dinner at a long table.", "The family is celebrating a birthday."),
        ("contradiction", "A group of people are eating dinner at a long table.", "Nobody is eating."),
        ("entailment", "A cyclist rides up a steep mountain road.", "A person is riding a bike."),
        ("neutral", "A cyclist rides up a steep mountain road.", "The cyclist is training for a race."),
        ("contradiction", "A cyclist rides up a steep mountain road.", "The cyclist is swimming in a lake."),
        ("entailment", "A chef is chopping vegetables in a busy kitchen.", "Someone is preparing food."),
        ("neutral", "A chef is chopping vegetables in a busy kitchen.", "The chef is making soup."),
        ("contradiction", "A chef is chopping vegetables in a busy kitchen.", "The kitchen is empty and dark."),
    ];

    private sealed record ChartMeasure(string Title, int Legends, int Entries, int Elements, int Points, IReadOnlyList<string> Hits);
}
