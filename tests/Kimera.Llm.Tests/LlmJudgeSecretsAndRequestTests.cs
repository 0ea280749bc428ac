using System.Text.Json;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.Extensions.Logging;

namespace Kimera.Llm.Tests;

public sealed class LlmJudgeSecretsAndRequestTests
{
    [Fact]
    public async Task The_api_key_is_sent_on_every_request_but_never_appears_in_logs_or_outputs()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            ExpectedApiKey = JudgeFactory.ApiKey,
            Seed = 9,
            RateLimitProbability = 0.2,
            RetryAfter = TimeSpan.FromMilliseconds(20),
            RetryAfterAsMilliseconds = true,
            ServerErrorProbability = 0.1,
            GarbledAnswerProbability = 0.1,
        });
        var capture = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        using var judge = JudgeFactory.Create(server, o => o.MaxParseAttempts = 1, loggers: loggers);

        var results = await judge.JudgeManyAsync(TestPairs.Make(30));

        Assert.All(server.Requests, r => Assert.True(r.HadAuthorization && r.AuthorizationMatched));
        Assert.Contains(capture.Lines, line => line.Contains("retry", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(capture.Lines, line => line.Contains(JudgeFactory.ApiKey, StringComparison.Ordinal));
        var outputs = JsonSerializer.Serialize(results) + JsonSerializer.Serialize(judge.Stats);
        Assert.DoesNotContain(JudgeFactory.ApiKey, outputs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_key_is_an_error_that_does_not_quote_the_key()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ExpectedApiKey = "sk-the-right-one" });
        var capture = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        using var judge = JudgeFactory.Create(server, loggers: loggers);

        var results = await judge.JudgeManyAsync(TestPairs.Make(2));

        Assert.All(results, r => Assert.Equal("HTTP 401 (Incorrect API key provided.) (after 1 attempt)", r.Error));
        Assert.Equal(2, server.Requests.Count); // 401 is not retried
        Assert.DoesNotContain(capture.Lines, line => line.Contains(JudgeFactory.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(JudgeFactory.ApiKey, new LlmJudgeOptions { ApiKey = JudgeFactory.ApiKey }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Structured_output_asks_for_the_json_schema_response_format()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var structured = JudgeFactory.Create(server, o => o.UseStructuredOutput = true);
        await structured.JudgeManyAsync([TestPairs.Pair("s", "Water is wet", "Water is not wet")]);
        using var plain = JudgeFactory.Create(server);
        await plain.JudgeManyAsync([TestPairs.Pair("p", "Fire is hot", "Fire is not hot")]);

        using var withSchema = JsonDocument.Parse(server.Requests[0].Body);
        var format = withSchema.RootElement.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("contradiction_judgement", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.Equal(
            ["contradiction", "confidence", "reasoning"],
            format.GetProperty("json_schema").GetProperty("schema").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        using var without = JsonDocument.Parse(server.Requests[1].Body);
        Assert.False(without.RootElement.TryGetProperty("response_format", out _));
    }

    [Fact]
    public async Task The_request_carries_the_spec_model_temperature_token_limit_and_both_statements()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(server);

        await judge.JudgeManyAsync([TestPairs.Pair("x", "  Cats can fly ", "Cats cannot fly")]);

        using var body = JsonDocument.Parse(server.Requests.Single().Body);
        var root = body.RootElement;
        Assert.Equal("gpt-4o-mini", root.GetProperty("model").GetString());
        Assert.Equal(0.1, root.GetProperty("temperature").GetDouble(), 6);
        Assert.Equal(200, root.GetProperty("max_completion_tokens").GetInt32());
        var messages = root.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("Statement 1: Cats can fly\nStatement 2: Cats cannot fly", messages[1].GetProperty("content").ToString());
    }

    [Fact]
    public async Task Fenced_answers_are_judged()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { FencedAnswers = true });
        using var judge = JudgeFactory.Create(server);

        var results = await judge.JudgeManyAsync(TestPairs.Make(6));

        Assert.Equal([true, false, true, true, false, true], results.Select(r => r.IsContradiction));
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task Without_usage_in_the_answer_the_tokens_are_counted_with_the_tokenizer_and_the_cost_is_estimated()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { OmitUsage = true });
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.PriceInputPerMillion = 1m;
            o.PriceOutputPerMillion = 1m;
            o.MaxOutputTokens = 100;
        });
        var pair = TestPairs.Pair("u", "Ice is cold", "Ice is not cold");

        await judge.JudgeManyAsync([pair]);

        var prompt = judge.Estimator.PromptTokens("Ice is cold", "Ice is not cold");
        Assert.Equal(prompt, judge.Stats.InputTokens);
        // The answer {"contradiction":true,"confidence":0.9,"reasoning":"exactly one statement is negated"} is 24 o200k
        // tokens: counted, not the 100 of the limit.
        Assert.Equal(24, judge.Stats.OutputTokens);
        Assert.Equal((prompt + 24) / 1_000_000m, judge.Stats.CostUsd);
        Assert.Equal((Kimera.Judging.CostBases.Estimated, 1L), (judge.Stats.CostBasis, judge.Stats.UsageEstimatedRequests));
    }
}
