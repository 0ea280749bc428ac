using Kimera.Cli.Serve;
using Kimera.Cli.Tests.Reporting;
using Kimera.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kimera.Cli.Tests.Serve;

/// <summary>
/// The console page in a real Chromium (Playwright), served by <c>kimera serve</c>'s server over hand-made run folders:
/// the list shows each run's status; the progress of a run whose lock is held (as a live <c>kimera run</c> holds it) moves
/// on the page when its chunks finish (Playwright waits for the DOM, no sleep); a finished run shows its headline numbers;
/// the compare view puts both runs of each judge side by side; the page says it is read-only and offers no operation.
/// Screenshots are kept under the test results directory (console/*.png).
/// </summary>
[Trait("Category", "Process")]
[Trait("Category", "Browser")]
public sealed class ConsoleBrowserTests : IAsyncLifetime
{
    /// <summary>How long Playwright waits for the page to show a change: the page polls every 2 s on a busy machine.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Wait = new() { Timeout = 60_000 };

    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _root = new();
    private ConsoleServer? _server;
    private RunFolderLock? _liveRun;
    private string _live = string.Empty;

    public ConsoleBrowserTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        HandMadeRunFolders.Finished(_root.Path, "base", wrong: 4);
        HandMadeRunFolders.Finished(_root.Path, "candidate", wrong: 2);
        HandMadeRunFolders.ChunkDone(HandMadeRunFolders.Planned(_root.Path, "stopped", 3, 10, 30), 0);
        _live = HandMadeRunFolders.Planned(_root.Path, "live", 4, 10, 40);
        _liveRun = RunFolderLock.TryAcquire(_live) ?? throw new InvalidOperationException("The live run's folder is locked.");
        _server = await ConsoleServer.StartAsync(_root.Path, System.Net.IPAddress.Loopback, 0);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _liveRun?.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task The_list_shows_live_progress_a_run_its_numbers_and_compare_puts_the_judges_side_by_side()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = HeadlessChromium.Executable() });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        var screenshots = TestResultsDirectory.Of("console");

        Assert.NotNull(_server);
        // kimera serve starts no runs: it has no capabilities route, so the console's start form stays hidden.
        var capabilities = await page.RunAndWaitForResponseAsync(
            () => page.GotoAsync(_server.Url.AbsoluteUri), response => response.Url.Contains("/api/console/capabilities", StringComparison.Ordinal));
        Assert.Equal(404, capabilities.Status);
        var live = page.Locator("tr[data-run='live']");
        await Assertions.Expect(live.Locator(".run-status")).ToHaveTextAsync("Running", Wait);
        await Assertions.Expect(live.Locator(".progress-text")).ToHaveTextAsync("0/4 chunks · 0/40 pairs", Wait);
        await Assertions.Expect(page.Locator("tr[data-run='base'] .run-status")).ToHaveTextAsync("Finished", Wait);
        await Assertions.Expect(page.Locator("tr[data-run='stopped'] .run-status")).ToHaveTextAsync("Stopped", Wait);
        await Assertions.Expect(page.Locator("#mode")).ToContainTextAsync("Read-only");
        Assert.Equal(0, await page.Locator("button[class^='op-']").CountAsync());
        await Assertions.Expect(page.Locator("#start")).ToBeHiddenAsync();

        // The live run finishes two chunks: the page shows it at its next poll.
        HandMadeRunFolders.ChunkDone(_live, 0);
        HandMadeRunFolders.ChunkDone(_live, 1);
        await Assertions.Expect(live.Locator(".progress-text")).ToHaveTextAsync("2/4 chunks · 20/40 pairs", Wait);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "list.png"), FullPage = true });

        await page.GotoAsync(new Uri(_server.Url, "#/run/candidate").AbsoluteUri);
        // Wrong on 2 of 20 pairs: accuracy 18/20.
        await Assertions.Expect(page.Locator("#headline tr[data-judge='kimera'] td").Nth(1)).ToHaveTextAsync("0.900", Wait);
        // Its typical mistakes from report.json's examples (HandMadeRunFolders.Examples): m1-m3 of the four missed, then f1.
        await Assertions.Expect(page.Locator("#examples tbody tr td:nth-child(3)")).ToHaveTextAsync(["m1", "m2", "m3", "f1"], Wait);
        await Assertions.Expect(page.Locator("#examples tr[data-pair='f1'] td").Nth(1)).ToHaveTextAsync("false alarm", Wait);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "run.png"), FullPage = true });
        await Assertions.Expect(page.Locator("#report-link")).ToHaveAttributeAsync("href", new Uri(_server.Url, "api/runs/candidate/report").AbsoluteUri);

        await page.GotoAsync(new Uri(_server.Url, "#/compare?a=base&b=candidate").AbsoluteUri);
        var accuracy = page.Locator("section.judge[data-judge='kimera'] tr[data-metric='accuracy']");
        await Assertions.Expect(accuracy.Locator(".side-a")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0\\.800"), new() { Timeout = 60_000 });
        await Assertions.Expect(accuracy.Locator(".side-b")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0\\.900"), new() { Timeout = 60_000 });
        Assert.Equal(2, await page.Locator("section.judge[data-judge='kimera'] table.changed tbody tr").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "compare.png"), FullPage = true });
        _output.WriteLine($"screenshots in {screenshots}");
    }
}
