using System.Text.Json;
using System.Text.RegularExpressions;
using Kimera.Llm;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Cli.Tests;

/// <summary>Issue 12 item 15: with <c>-v</c>, a failed HTTP attempt is one log line with the exception's message, never a stack trace.
/// Issue 26 point 3: each log line carries the run id (the run folder's name).</summary>
[Trait("Category", "Process")]
public sealed class VerboseLogTests : IDisposable
{
    private const string Key = "sk-test-verbose-0001";
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_failed_http_attempt_is_logged_as_one_line_without_a_stack_trace()
    {
        // Each pair's first request is dropped before any answer: HttpClient's send throws.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = ["reset"] });
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = Key, ["KIMERA_STORAGE"] = null };

        var (exit, _, error) = await KimeraProcess.RunAsync(
            environment,
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("verbose-run"), "--no-cache", "--max-pairs", "2",
            "--judges", "llm", "--bootstrap", "0", "--llm-endpoint", server.BaseUrl.ToString(), "-v");

        Assert.True(exit == 0, error);
        // The preflight request and each of the 2 pairs: a dropped first attempt, then an answer.
        Assert.Equal(6, server.Requests.Count);
        var lines = error.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("--- End of", StringComparison.Ordinal));
        // One line per failed attempt, naming the exception and its message, then its cause.
        var failed = lines.Where(l => l.Contains("HTTP request failed", StringComparison.Ordinal)).ToArray();
        Assert.True(failed.Length == 3, error);
        Assert.All(failed, l => Assert.Contains("(HttpRequestException: An error occurred while sending the request. <- ", l, StringComparison.Ordinal));

        // Each retry is logged once and counted once: report.json's retries are the pairs' retry lines (one per pair
        // here); the preflight's retry has its own line and is not a pair's, as its request is not among report.json's.
        var pairRetries = lines.Count(l => l.Contains("Pair ", StringComparison.Ordinal) && l.Contains(": retry 1 in ", StringComparison.Ordinal));
        Assert.True(pairRetries == 2, error);
        Assert.Single(lines, l => l.Contains("Preflight request: retry in ", StringComparison.Ordinal));

        // Issue 26 point 3: every log line of the run names it by its folder's name, after the level.
        var logLines = lines.Where(l => Regex.IsMatch(l, @"^\d\d:\d\d:\d\d (trce|dbug|info|warn|fail|crit): ")).ToArray();
        // At least the 3 failed attempts, the 2 pair retries and the preflight retry counted above.
        Assert.True(logLines.Length >= 6, error);
        Assert.All(logLines, l => Assert.Matches(@"^\d\d:\d\d:\d\d [a-z]{4}: \[kimera\.run_id=verbose-run\] ", l));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("verbose-run/report.json")));
        var llm = report.RootElement.GetProperty("judges").GetProperty("llm");
        Assert.Equal(pairRetries, llm.GetProperty("retries").GetInt64());
        var (sky, skyNot) = LlmJudge.PreflightPair;
        Assert.Equal(server.Requests.Count(r => r.PairKey != sky + "\u241E" + skyNot), llm.GetProperty("requests").GetInt64());
    }

    public void Dispose() => _temp.Dispose();
}
