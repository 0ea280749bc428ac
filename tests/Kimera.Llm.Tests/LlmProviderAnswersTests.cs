using Kimera.Judging;
using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Llm.Tests;

/// <summary>Issue 23, "Answers as providers send them": thinking before the JSON, prose and fences around it, braces in its
/// strings, <c>reasoning_content</c>, <c>content: null</c> and <c>finish_reason: "length"</c>, through the loopback server.</summary>
public sealed class LlmProviderAnswersTests
{
    private const string CutAt200 = "answer cut at the 200-token limit; raise --llm-max-output-tokens or Kimera__Llm__MaxOutputTokens";

    [Theory(Timeout = 60_000)]
    [InlineData(FakeAnswerStyle.ThinkingThenFence, false)]
    [InlineData(FakeAnswerStyle.Prose, false)]
    [InlineData(FakeAnswerStyle.BracesInStrings, false)]
    [InlineData(FakeAnswerStyle.Json, true)]
    [InlineData(FakeAnswerStyle.ThinkingThenFence, true)]
    public async Task Every_pair_is_read_in_one_request_whatever_surrounds_its_json(FakeAnswerStyle style, bool reasoningContent)
    {
        // The thinking, in <think> or in reasoning_content, holds braces and a draft with the opposite verdict.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { AnswerStyle = style, ReasoningContent = reasoningContent });
        using var judge = JudgeFactory.Create(server);
        var pairs = TestPairs.Make(12);

        var results = await judge.JudgeManyAsync(pairs);

        for (var i = 0; i < results.Count; i++)
        {
            var contradiction = TestPairs.ExpectedContradiction(i);
            var reasoning = style == FakeAnswerStyle.BracesInStrings ? "one says {calm}, the other }{ not calm"
                : contradiction ? "exactly one statement is negated" : "no negation difference";
            Assert.Equal(new Judgement(contradiction, contradiction ? 0.9 : 0.8, reasoning), results[i] with { Usage = null });
        }

        Assert.Equal(12, server.Requests.Count);
        Assert.Equal(0, judge.Stats.Retries);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("cut")] // finish_reason "length", the JSON cut half-way
    [InlineData("reasoning-only")] // content null, the thinking in reasoning_content, finish_reason "length" (vLLM)
    [InlineData("null-content")] // content null, finish_reason "stop"
    public async Task An_answer_cut_at_the_limit_every_time_is_asked_twice_and_names_the_limit(string fault)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = [fault, fault, fault] });
        using var judge = JudgeFactory.Create(server);

        var results = await judge.JudgeManyAsync(TestPairs.Make(3));

        Assert.All(results, r => Assert.Equal(CutAt200 + " (after 2 attempts)", r.Error));
        Assert.Equal(6, server.Requests.Count); // 3 pairs x 2 attempts: one retry
        Assert.All(server.Requests, r => Assert.Equal(fault, r.Fault));
        Assert.Equal(3, judge.Stats.Retries);
        Assert.Equal(3, judge.Stats.Failed);
        Assert.Equal(0, judge.Stats.BudgetSkipped);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_limit_in_the_cause_is_the_one_in_force()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = ["reasoning-only", "reasoning-only"] });
        using var judge = JudgeFactory.Create(server, o => o.MaxOutputTokens = 1500);

        var result = Assert.Single(await judge.JudgeManyAsync(TestPairs.Make(1)));

        Assert.Equal("answer cut at the 1500-token limit; raise --llm-max-output-tokens or Kimera__Llm__MaxOutputTokens (after 2 attempts)", result.Error);
        // The server billed the whole allowance for each cut answer.
        Assert.All(server.Requests, r => Assert.Equal(1500, r.CompletionTokens));
        Assert.Equal(3000, judge.Stats.OutputTokens);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_answer_cut_once_is_judged_on_its_one_retry()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = ["reasoning-only"] });
        using var judge = JudgeFactory.Create(server);

        var results = await judge.JudgeManyAsync(TestPairs.Make(3));

        Assert.All(results, r => Assert.True(r.IsJudged, r.Error));
        Assert.Equal(new[] { true, false, true }, results.Select(r => r.IsContradiction!.Value));
        Assert.Equal(6, server.Requests.Count);
        Assert.Equal(new[] { "reasoning-only", "none" }, server.Requests.Where(r => r.PairKey == server.Requests[0].PairKey).Select(r => r.Fault));
        Assert.All(results, r => Assert.Equal(1, r.Usage!.Retries));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(0.1, 2)] // low temperature: the same garbled answer would come back, one retry
    [InlineData(0.5, 2)]
    [InlineData(1.0, 3)] // above 0.5: MaxParseAttempts (3 by default)
    public async Task An_unparsable_answer_is_asked_again_once_at_a_low_temperature(double temperature, int attempts)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { GarbledAnswerProbability = 1.0 });
        using var judge = JudgeFactory.Create(server, o => o.Temperature = temperature);

        var results = await judge.JudgeManyAsync(TestPairs.Make(4));

        Assert.All(results, r => Assert.Equal($"unparsable answer: no JSON object in the answer (after {attempts} attempts)", r.Error));
        Assert.Equal(4 * attempts, server.Requests.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_retry_the_budget_refuses_leaves_the_pair_with_its_cause_not_budget_exhausted()
    {
        // Input free, $1 per million output tokens: a request's worst case is 200 output tokens, $0.0002, and a cut answer
        // is billed exactly that. The budget buys one attempt and refuses the retry (0.0002 + 0.0002 > 0.0003).
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = ["cut", "cut"] });
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.PriceInputPerMillion = 0m;
            o.PriceOutputPerMillion = 1m;
            o.BudgetUsd = 0.0003m;
        });

        var result = Assert.Single(await judge.JudgeManyAsync(TestPairs.Make(1)));

        Assert.Equal(CutAt200 + " (after 1 attempt; budget exhausted before a retry)", result.Error);
        Assert.Single(server.Requests);
        Assert.Equal(0.0002m, judge.Stats.CostUsd);
        Assert.Equal(1, judge.Stats.Failed);
        Assert.Equal(0, judge.Stats.BudgetSkipped);
        Assert.Equal(0, judge.Stats.Retries);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("cut")]
    [InlineData("reasoning-only")]
    [InlineData("null-content")]
    public async Task A_cut_answer_fails_the_preflight_at_once_with_the_token_limit_advice(string fault)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = [fault, fault] });
        using var judge = JudgeFactory.Create(server);

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        var endpoint = server.BaseUrl.GetLeftPart(UriPartial.Path);
        Assert.True(result.AnswerCut);
        Assert.Equal($"the LLM endpoint {endpoint} (model gpt-4o-mini) answered a test request, but the answer was cut at the 200-token limit", result.Failure);
        Assert.Equal(
            $"the LLM endpoint {endpoint} (model gpt-4o-mini) answered a test request, but the answer was cut at the 200-token limit. Nothing was judged. "
            + "Raise --llm-max-output-tokens or Kimera__Llm__MaxOutputTokens: a reasoning model spends output tokens on thinking before it answers, and may need a few thousand.",
            LlmPreRunCheck.Refusal(result, LlmPreRunWording.CommandLine("OPENAI_API_KEY")));
        Assert.Single(server.Requests); // not retried: it would be cut again
    }

    [Fact(Timeout = 30_000)]
    public async Task A_preflight_answer_with_thinking_before_its_json_passes()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { AnswerStyle = FakeAnswerStyle.ThinkingThenFence, ReasoningContent = true });
        using var judge = JudgeFactory.Create(server);

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        Assert.Equal(new LlmPreflightResult(true, null), result);
        Assert.Single(server.Requests);
    }
}
