using Kimera.Storage.Sqlite;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Llm.Tests;

/// <summary>The preflight request: an endpoint that is down, wrong or hangs is named with its cause before the fan-out.</summary>
public sealed class LlmJudgePreflightTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_healthy_endpoint_gets_exactly_one_request_and_passes()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(server);

        var result = await judge.PreflightAsync(TestPairs.Make(3));

        Assert.True(result.Sent);
        Assert.Null(result.Failure);
        var request = Assert.Single(server.Requests);
        Assert.Contains(LlmJudge.PreflightPair.Second, request.PairKey, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Refused_connections_name_the_endpoint_the_model_and_the_cause()
    {
        var closed = FakeOpenAiServer.ClosedPortUrl();
        await using var unused = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(unused, o => o.Endpoint = closed);

        var result = await judge.PreflightAsync(TestPairs.Make(3));

        Assert.True(result.Sent);
        Assert.NotNull(result.Failure);
        Assert.Contains(closed.GetLeftPart(UriPartial.Path), result.Failure, StringComparison.Ordinal);
        Assert.Contains("gpt-4o-mini", result.Failure, StringComparison.Ordinal);
        Assert.Contains("connection refused", result.Failure, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_name_that_does_not_resolve_is_a_DNS_failure()
    {
        // RFC 6761: .invalid never resolves.
        await using var unused = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(unused, o => o.Endpoint = new Uri("http://kimera-preflight.invalid/v1/"));

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        Assert.Contains("kimera-preflight.invalid", result.Failure, StringComparison.Ordinal);
        Assert.Contains("DNS lookup failed", result.Failure, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_wrong_key_is_a_401_that_points_at_the_key_without_showing_it()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ExpectedApiKey = "sk-the-right-one" });
        using var judge = JudgeFactory.Create(server);

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        Assert.Contains("HTTP 401", result.Failure, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", result.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(JudgeFactory.ApiKey, result.Failure, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unknown_model_is_a_404_that_names_the_model()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { KnownModels = ["gpt-4o-mini"] });
        using var judge = JudgeFactory.Create(server, o => o.Model = "gpt-does-not-exist");

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        Assert.Contains("HTTP 404", result.Failure, StringComparison.Ordinal);
        Assert.Contains("gpt-does-not-exist", result.Failure, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_endpoint_that_hangs_fails_after_one_attempt_timeout_without_a_retry()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { HangAfterAnswers = 0 });
        // Real time: the timeout ends the hanging request. 3 s, not less: on a loaded machine a request given 0.3 s was
        // once abandoned before it reached the server, which then had nothing to end.
        using var judge = JudgeFactory.Create(server, o => o.AttemptTimeout = TimeSpan.FromSeconds(3));

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        Assert.Contains("no answer within 3 s", result.Failure, StringComparison.Ordinal);
        await server.WhenAnsweredAsync(1);
        Assert.Equal("hang", Assert.Single(server.Requests).Fault);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(new[] { "500" }, 2, null)]
    [InlineData(new[] { "429" }, 2, null)]
    [InlineData(new[] { "500", "500" }, 2, "HTTP 500")]
    public async Task A_5xx_or_429_is_tried_once_more_and_no_more(string[] faults, int requests, string? failure)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = faults, RetryAfter = TimeSpan.FromMilliseconds(100), RetryAfterAsMilliseconds = true });
        using var judge = JudgeFactory.Create(server);

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        Assert.Equal(requests, server.Requests.Count);
        if (failure is null)
        {
            Assert.Null(result.Failure);
        }
        else
        {
            Assert.Contains(failure, result.Failure, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task It_is_skipped_when_every_pair_is_cached_so_a_cached_rerun_sends_nothing()
    {
        using var temp = new TempDirectory();
        var cachePath = temp.File("judgements.db");
        await using var server = await FakeOpenAiServer.StartAsync();
        var pairs = TestPairs.Make(4);
        using (var first = JudgeFactory.Create(server, cache: new SqliteJudgementCache(cachePath)))
        {
            await first.JudgeManyAsync(pairs);
        }

        var before = server.Requests.Count;
        using var second = JudgeFactory.Create(server, cache: new SqliteJudgementCache(cachePath));

        var result = await second.PreflightAsync(pairs);

        Assert.False(result.Sent);
        Assert.Null(result.Failure);
        Assert.Equal(before, server.Requests.Count);
        Assert.True((await second.PreflightAsync([.. pairs, .. TestPairs.Make(1, "new")])).Sent);
    }
}
