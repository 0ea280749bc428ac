using System.Text;
using System.Text.Json.Nodes;
using Kimera.Functions.Tests.Support;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kimera.Functions.Tests.Console;

/// <summary>
/// The Functions app's console (<c>GET /api/console</c>) in a real Chromium (Playwright), the app's HTTP functions on Kestrel
/// (<see cref="FunctionsHttpAdapter"/>, function key required) over the in-process durable host on Azurite: the page, opened
/// with <c>?code=KEY</c>, lists a run held mid fan-out (chunk 2 waits to write its results) with the buttons the list offers;
/// Cancel terminates it and the list comes to read Terminated (Playwright waits for the DOM, no sleep). Screenshots under the
/// test results directory (functions-console/*.png).
/// </summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
[Trait("Category", "Browser")]
[Trait("Category", "Process")]
public sealed class FunctionsConsoleBrowserTests(EmbedderFixture fixture, AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    /// <summary>How long Playwright waits for the page to show a change: the page polls every 2 s on a busy machine.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Wait = new() { Timeout = 60_000 };

    [Fact]
    public async Task The_console_lists_a_running_run_with_its_buttons_and_cancel_terminates_it()
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await FunctionsHarness.StartAsync(
            fixture.Embedder,
            azurite,
            stores => new InterceptingRunStoreFactory(stores, (_, name) =>
            {
                if (name != RunArtifacts.ChunkResults(2))
                {
                    return Task.CompletedTask;
                }

                holding.TrySetResult();
                return release.Task;
            }));
        try
        {
            await using var server = await FunctionsHttpAdapter.StartAsync(app);
            using var http = new HttpClient { BaseAddress = server.Url };
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("api/console", UriKind.Relative))).StatusCode);
            var started = await http.PostAsync(
                new Uri($"api/runs?code={FunctionsHttpAdapter.Key}", UriKind.Relative),
                new StringContent("{\"dataset\": \"mixed_quick.csv\", \"maxParallelChunks\": 1}", Encoding.UTF8, "application/json"));
            var id = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
            var finished = app.WaitAsync(id);
            if (await Task.WhenAny(holding.Task, finished) != holding.Task)
            {
                Assert.Fail($"The run ended ({(await finished).RuntimeStatus}) without chunk 2 writing its results.");
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium" });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // the confirmation, then the answer's message
            var screenshots = TestResultsDirectory.Of("functions-console");

            await page.GotoAsync(new Uri(server.Url, $"api/console?code={FunctionsHttpAdapter.Key}").AbsoluteUri);
            var run = page.Locator($"tr[data-run='{id}']");
            await Assertions.Expect(run.Locator(".run-status")).ToHaveTextAsync("Running", Wait);
            // mixed_quick.csv: 20 pairs in 4 chunks of 5, one at a time; chunks 0 and 1 done, chunk 2 held.
            await Assertions.Expect(run.Locator(".progress-text")).ToHaveTextAsync("2/4 chunks · 10/20 pairs", Wait);
            // A running run can only be cancelled (restart and delete are refused while it runs).
            Assert.Equal(["cancel"], await run.Locator("button[class^='op-']").AllTextContentsAsync());
            Assert.Equal(string.Empty, await page.Locator("#mode").TextContentAsync());
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "running.png"), FullPage = true });

            await run.Locator("button.op-cancel").ClickAsync();

            await Assertions.Expect(run.Locator(".run-status")).ToHaveTextAsync("Terminated", Wait);
            // Cancelled: it may be restarted or deleted, no longer cancelled.
            await Assertions.Expect(run.Locator("button[class^='op-']")).ToHaveTextAsync(["restart", "delete"], Wait);
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "canceled.png"), FullPage = true });
            output.WriteLine($"screenshots in {screenshots}");
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task The_start_form_uploads_a_dataset_starts_a_run_on_it_and_shows_a_refusal_in_the_form()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        await using var server = await FunctionsHttpAdapter.StartAsync(app);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium" });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var screenshots = TestResultsDirectory.Of("functions-console");

        await page.GotoAsync(new Uri(server.Url, $"api/console?code={FunctionsHttpAdapter.Key}").AbsoluteUri);
        var form = page.Locator("#start-form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        // An empty deployment says how runs start here (not the local console's "kimera run writes one folder per run").
        await Assertions.Expect(page.GetByText("No runs yet: start one above, upload a dataset to the datasets container, or POST /api/runs.")).ToBeVisibleAsync();
        // No LLM is configured here: the capabilities offer kimera alone, checked as the default judge.
        Assert.Equal(["kimera"], await form.Locator("input[name=judge]").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)"));
        await Assertions.Expect(form.Locator("input[name=judge][value=kimera]")).ToBeCheckedAsync();

        // A budget with no LLM judge to hold to it: the file is uploaded, the run refused, and the refusal shows in the form.
        await page.Locator("#start-file").SetInputFilesAsync(RepoPaths.TestData(FunctionsHarness.Dataset));
        await page.Locator("#start-sample").FillAsync("8");
        await page.Locator("#start-budget").FillAsync("1");
        await page.Locator("#start-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#start-error")).ToContainTextAsync(
            "budgetUsd limits what the LLM judges spend, and this run has none (judges: kimera).", new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "start-refused.png"), FullPage = true });

        // Without the budget: the same file again (the same bytes, no conflict), a run on it, and its view opens.
        await page.Locator("#start-budget").FillAsync(string.Empty);
        await page.Locator("#start-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#run-id")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{32}$"), Wait);
        var id = await page.Locator("#run-id").TextContentAsync();
        await Assertions.Expect(form).ToBeHiddenAsync();

        await page.GotoAsync(new Uri(server.Url, $"api/console?code={FunctionsHttpAdapter.Key}#/").AbsoluteUri);
        var run = page.Locator($"tr[data-run='{id}']");
        await Assertions.Expect(run.Locator(".run-status")).ToHaveTextAsync("Completed", Wait);
        // A sample of 8 of mixed_quick.csv's 20 pairs, in chunks of 5 (the harness's Kimera:Run:ChunkSize): 2 chunks.
        await Assertions.Expect(run.Locator(".progress-text")).ToHaveTextAsync("2/2 chunks · 8/8 pairs", Wait);
        Assert.Equal("console/mixed_quick.csv", await run.Locator("td").Nth(1).TextContentAsync());
        // Completed: only delete (restart is for failed or cancelled runs, cancel for running ones).
        Assert.Equal(["delete"], await run.Locator("button[class^='op-']").AllTextContentsAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "start-completed.png"), FullPage = true });
        var bytes = await File.ReadAllBytesAsync(RepoPaths.TestData(FunctionsHarness.Dataset));
        Assert.Equal(bytes, (await app.DatasetsContainer.GetBlobClient("console/mixed_quick.csv").DownloadContentAsync()).Value.Content.ToArray());
        output.WriteLine($"screenshots in {screenshots}");
    }
}
