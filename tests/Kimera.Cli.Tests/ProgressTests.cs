using Kimera.Pipeline.Model;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.Extensions.Time.Testing;

namespace Kimera.Cli.Tests;

/// <summary>Progress that moves (issue 14 item 2): plain lines every two seconds of a fake clock, an ETA only once a few
/// pairs are done, and, through the real program in a pipe, lines that move inside a chunk.</summary>
[Trait("Category", "Process")]
public sealed class ProgressTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Plain_lines_come_at_once_then_every_two_seconds_while_pairs_move_and_at_the_end()
    {
        var clock = new FakeTimeProvider();
        using var text = new StringWriter { NewLine = "\n" };
        using var lines = new PlainProgressLines(text, clock);

        lines.Report(new RunProgress(0, 1, 0, 500, 0, TimeSpan.Zero));
        lines.Report(new RunProgress(0, 1, 4, 500, 0, TimeSpan.FromSeconds(1)));
        clock.Advance(TimeSpan.FromSeconds(1.9));
        var beforeTick = text.ToString();
        clock.Advance(TimeSpan.FromSeconds(0.1));
        var atTick = text.ToString();
        lines.Report(new RunProgress(0, 1, 20, 500, 0, TimeSpan.FromSeconds(4)));
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterMove = text.ToString();
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterStill = text.ToString();
        lines.Report(new RunProgress(1, 1, 500, 500, 0, TimeSpan.FromSeconds(100)));

        Assert.Equal("progress: 0/500 pairs, 0/1 chunks, 0.0 pairs/s, eta --:--:--\n", beforeTick);
        // 4 pairs in 1 s: fewer than the 10 an estimate waits for.
        Assert.Equal(beforeTick + "progress: 4/500 pairs, 0/1 chunks, 4.0 pairs/s, eta --:--:--\n", atTick);
        // 20 pairs in 4 s: 5 pairs/s, 480 left → 96 s.
        Assert.Equal(atTick + "progress: 20/500 pairs, 0/1 chunks, 5.0 pairs/s, eta 00:01:36\n", afterMove);
        Assert.Equal(afterMove, afterStill);
        Assert.Equal(afterStill + "progress: 500/500 pairs, 1/1 chunks, 5.0 pairs/s, eta 00:00:00\n", text.ToString());
    }

    [Fact]
    public void The_estimate_waits_for_a_few_pairs_of_this_session_and_leaves_reused_ones_out()
    {
        // 300 pairs reused, 12 processed in 3 s: 4 pairs/s, 188 left → 47 s.
        Assert.Null(new RunProgress(1, 2, 309, 500, 300, TimeSpan.FromSeconds(3)).EstimatedRemaining);
        Assert.Equal(TimeSpan.FromSeconds(47), new RunProgress(1, 2, 312, 500, 300, TimeSpan.FromSeconds(3)).EstimatedRemaining);
        // A run of 4 pairs: no estimate before all 4 are done.
        Assert.Null(new RunProgress(0, 1, 3, 4, 0, TimeSpan.FromSeconds(1)).EstimatedRemaining);
    }

    [Fact]
    public async Task In_a_pipe_progress_lines_move_inside_a_single_chunk()
    {
        // The server answers the preflight and 20 pairs, then holds: the one chunk of 50 pairs stays unfinished with its
        // embedding done and 20 of 50 LLM answers in. Two stages (embedding, LLM), each half of the chunk:
        // 50 × (1 + 20/50) / 2 = 35 pairs.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { AnswerFirst = 21 });
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test-progress", ["KIMERA_STORAGE"] = null };
        using var run = RunningKimera.Start(
            environment, null,
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache", "--bootstrap", "0",
            "--llm-endpoint", server.BaseUrl.ToString());

        var line = await run.WhenErrorLineAsync(l => l.StartsWith("progress: 35/50 pairs, 0/1 chunks, ", StringComparison.Ordinal));
        await run.TerminateAsync();
        var (exit, _, error) = await run.WaitForExitAsync();

        Assert.Equal(1, exit);
        Assert.Matches(@"^progress: 35/50 pairs, 0/1 chunks, \d+\.\d pairs/s, eta \d\d:\d\d:\d\d$", line);
        Assert.Contains("kimera run: stopped.", error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
