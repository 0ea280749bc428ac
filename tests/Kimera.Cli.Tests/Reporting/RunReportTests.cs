using System.Text.Json;
using System.Text.RegularExpressions;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Reporting;

[Trait("Category", "Process")]
[Trait("Category", "Browser")]
public sealed class RunReportTests : IClassFixture<SampleRunFixture>, IDisposable
{
    private readonly SampleRunFixture _run;
    private readonly TempDirectory _temp = new();

    public RunReportTests(SampleRunFixture run) => _run = run;

    [Fact]
    public async Task Analyze_of_a_runs_pairs_csv_gives_the_statistics_object_of_its_report_json()
    {
        var (exit, output, error) = await KimeraProcess.RunAsync(
            "analyze", Path.Combine(_run.RunDirectory, "pairs.csv"), "--json", "--bootstrap", SampleRunFixture.Bootstrap, "--out", _temp.File("analysis"));

        Assert.True(exit == 0, error);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_run.RunDirectory, "report.json")));
        var expected = JsonSerializer.Serialize(report.RootElement.GetProperty("statistics"), PipelineJson.Options);
        Assert.Equal(expected, output.TrimEnd('\n'));
        Assert.Equal(expected, (await File.ReadAllTextAsync(_temp.File("analysis/statistics.json"))).TrimEnd('\n'));

        // sample_pairs.csv has 50 pairs, all labelled (counted with Python's csv module); the equality covers the
        // bootstrap intervals, the curves, the cross-validation (kimera and resonance) and the error analysis.
        using var statistics = JsonDocument.Parse(output);
        Assert.Equal(50, statistics.RootElement.GetProperty("pairs").GetInt32());
        Assert.Equal(50, statistics.RootElement.GetProperty("labelled").GetInt32());
        Assert.Equal(2, statistics.RootElement.GetProperty("cross_validation").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, statistics.RootElement.GetProperty("judges").GetProperty("kimera").GetProperty("ci").ValueKind);
        Assert.True(File.Exists(_temp.File("analysis/report.html")));
    }

    [Fact]
    public async Task Report_html_loads_in_headless_chromium_without_console_messages_and_shows_the_curves()
    {
        var html = Path.Combine(_run.RunDirectory, "report.html");
        var source = await File.ReadAllTextAsync(html);

        // Self-contained: nothing the browser could fetch (the SVG namespace URI is an identifier, not a request).
        var withoutNamespace = source.Replace("xmlns=\"http://www.w3.org/2000/svg\"", string.Empty, StringComparison.Ordinal);
        foreach (var reference in new[] { "<script", "<link", "src=", "href=", "url(", "@import", "http:", "https:" })
        {
            Assert.DoesNotContain(reference, withoutNamespace, StringComparison.OrdinalIgnoreCase);
        }

        // A control page that does log proves the console check can see a message.
        var control = _temp.File("control.html");
        await File.WriteAllTextAsync(control, "<!DOCTYPE html><html><body><script>console.error('control-error')</script></body></html>");

        var screenshot = Path.Combine(ResultsDirectory(), "report-html-screenshot.png");
        File.Delete(screenshot);
        var dom = HeadlessChromium.RunAsync(html, "--enable-logging=stderr", "--v=0", "--dump-dom");
        var shot = HeadlessChromium.RunAsync(html, $"--screenshot={screenshot}", "--window-size=1280,2400");
        var controlRun = HeadlessChromium.RunAsync(control, "--enable-logging=stderr", "--v=0", "--dump-dom");
        await Task.WhenAll(dom, shot, controlRun);

        Assert.Contains(HeadlessChromium.ConsoleLines((await controlRun).Error), line => line.Contains("control-error", StringComparison.Ordinal));

        var (exit, rendered, log) = await dom;
        Assert.Equal(0, exit);
        Assert.Empty(HeadlessChromium.ConsoleLines(log));
        Assert.Contains("How good is Kimera?", rendered, StringComparison.Ordinal);
        Assert.Contains("Cannot answer: only one judge ran.", rendered, StringComparison.Ordinal);
        foreach (var curve in new[] { "roc", "pr" })
        {
            // A drawn curve in the rendered DOM: a path with a move and line segments, inside an svg element.
            Assert.Matches(new Regex($"<svg [^>]*class=\"chart\"[^>]*>(?:(?!</svg>).)*<path class=\"curve {curve}\" data-series=\"kimera [^\"]*\"[^>]* d=\"M[0-9.]+ [0-9.]+(H[0-9.]+)?L[0-9.]+ [0-9.]+", RegexOptions.Singleline), rendered);
        }

        Assert.Contains("<section id=\"reactor\">", rendered, StringComparison.Ordinal);
        Assert.Contains("<section id=\"throughput\">", rendered, StringComparison.Ordinal);

        Assert.Equal(0, (await shot).ExitCode);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 50_000, $"The screenshot has {png.Length} bytes; a page with tables and charts is far larger than a blank one.");
    }

    public void Dispose() => _temp.Dispose();

    private static string ResultsDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("TEST_RESULTS_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepoPaths.RepoRoot, "artifacts", "test-results");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
