using System.Net;
using System.Text.Json;
using Kimera.Cli.Commands;
using Kimera.Cli.Serve;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Serve;

/// <summary>
/// The runs API of <c>kimera serve</c> against the real server (Kestrel, in this process) on a free loopback port, over
/// hand-made run folders: the list in the Functions app's field names, one run with its headline numbers, its report,
/// the compare JSON of two finished runs (the numbers <see cref="HandMadeResults"/> gives by hand), the console page, and
/// the default bind address with the start line that says so.
/// </summary>
public sealed class ConsoleServerTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private readonly HttpClient _http = new();
    private ConsoleServer? _server;

    private Uri Url => _server!.Url;

    public async Task InitializeAsync()
    {
        HandMadeRunFolders.Finished(_root.Path, "base", wrong: 4);
        HandMadeRunFolders.Finished(_root.Path, "candidate", wrong: 2);
        HandMadeRunFolders.ChunkDone(HandMadeRunFolders.Planned(_root.Path, "half", 2, 10, 20), 0);
        _server = await ConsoleServer.StartAsync(_root.Path, new ServeSettings().Address, 0);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _http.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task The_list_has_every_run_with_the_fields_of_the_functions_app()
    {
        using var list = JsonDocument.Parse(await _http.GetStringAsync(new Uri(Url, "api/runs")));

        var runs = list.RootElement.GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(["base", "candidate", "half"], runs.Keys.Order(StringComparer.Ordinal));
        var half = runs["half"];
        foreach (var field in new[] { "dataset", "runtimeStatus", "createdAt", "lastUpdatedAt", "progress", "judges", "spendUsd", "budgetUsd", "error" })
        {
            Assert.True(half.TryGetProperty(field, out _), $"field {field} missing");
        }

        Assert.Equal("Stopped", half.GetProperty("runtimeStatus").GetString());
        var progress = half.GetProperty("progress");
        Assert.Equal((1, 2, 10L, 20L), (progress.GetProperty("chunksDone").GetInt32(), progress.GetProperty("chunkCount").GetInt32(),
            progress.GetProperty("pairsDone").GetInt64(), progress.GetProperty("totalPairs").GetInt64()));
        Assert.Equal("Finished", runs["base"].GetProperty("runtimeStatus").GetString());
        Assert.True(list.RootElement.GetProperty("readOnly").GetBoolean());
        Assert.Equal(0, list.RootElement.GetProperty("operations").GetArrayLength());
    }

    [Fact]
    public async Task One_run_has_its_headline_numbers_and_its_report()
    {
        using var run = JsonDocument.Parse(await _http.GetStringAsync(new Uri(Url, "api/runs/candidate")));
        var kimera = run.RootElement.GetProperty("headline")[0];
        // Wrong on 2 of 20: accuracy 18/20; TP 9, FP 1, FN 1: F1 18/20.
        Assert.Equal(("kimera", 0.9, 0.9), (kimera.GetProperty("judge").GetString(), kimera.GetProperty("accuracy").GetDouble(), kimera.GetProperty("f1").GetDouble()));

        var report = await _http.GetAsync(new Uri(Url, "api/runs/candidate/report"));
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Report of candidate", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(Url, "api/runs/half/report"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(Url, "api/runs/nowhere"))).StatusCode);
    }

    [Fact]
    public async Task Compare_answers_the_json_of_kimera_compare()
    {
        using var comparison = JsonDocument.Parse(await _http.GetStringAsync(new Uri(Url, "api/compare?a=base&b=candidate")));

        var judge = comparison.RootElement.GetProperty("comparison").GetProperty("judges")[0];
        Assert.Equal(20, comparison.RootElement.GetProperty("comparison").GetProperty("pairs").GetInt64());
        Assert.Equal((0.8, 0.9), (judge.GetProperty("accuracy").GetProperty("a").GetDouble(), judge.GetProperty("accuracy").GetProperty("b").GetDouble()));
        // A is wrong on pairs 0-3, B on 0-1: pairs 2 and 3 are right only in B, none only in A; exact McNemar p = 2 · ½² = 0.5.
        var mcnemar = judge.GetProperty("mcnemar");
        Assert.Equal((0L, 2L), (mcnemar.GetProperty("b").GetInt64(), mcnemar.GetProperty("c").GetInt64()));
        Assert.Equal(0.5, mcnemar.GetProperty("exact_p_value").GetDouble(), 1e-12);
        Assert.Equal(2, comparison.RootElement.GetProperty("changed_pairs")[0].GetProperty("pairs").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync(new Uri(Url, "api/compare?a=base"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(Url, "api/compare?a=base&b=..%2Fbase"))).StatusCode);
    }

    [Fact]
    public async Task The_console_page_is_served_at_the_root_and_at_api_console()
    {
        foreach (var path in new[] { "", "api/console" })
        {
            var page = await _http.GetAsync(new Uri(Url, path));
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("<title>Kimera Bench runs</title>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("/*console.js*/", html, StringComparison.Ordinal);
            Assert.DoesNotContain("http", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void By_default_it_binds_the_loopback_address_and_the_start_line_says_so()
    {
        var settings = new ServeSettings();

        Assert.Equal(IPAddress.Parse("127.0.0.1"), settings.Address);
        Assert.Equal("127.0.0.1", Url.Host);
        var line = ServeCommand.StartLine(Url, settings.Address, _root.Path);
        Assert.Contains($"at {Url} (bound to 127.0.0.1: this machine only; --host to open it to others)", line, StringComparison.Ordinal);
        Assert.Contains("reachable from other machines", ServeCommand.StartLine(new Uri("http://0.0.0.0:5180/"), IPAddress.Any, _root.Path), StringComparison.Ordinal);
    }
}
