using System.Text.Json;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Llm.Profiles;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kimera.Llm.Tests;

/// <summary>Issue 23, points 1 and 4: the dated model profiles, what they put in a request, and an honest cost.</summary>
public sealed class LlmModelProfileTests
{
    [Fact]
    public void A_reasoning_model_takes_no_temperature_and_gets_room_to_think()
    {
        var profile = LlmModelProfiles.Find("o3-mini");
        var options = new LlmJudgeOptions { Model = "o3-mini" };

        Assert.Equal(
            ("o3-mini", true, false, "max_completion_tokens", true),
            (profile.Family, profile.Reasoning, profile.Temperature, profile.OutputLimitParameter, profile.ReasoningEffort));
        Assert.Null(options.EffectiveTemperature);
        Assert.Equal(4000, options.OutputTokenLimit);
        Assert.Equal((1.10m, 4.40m), (options.InputPrice, options.OutputPrice));
    }

    [Theory]
    [InlineData("gpt-4o-mini", "gpt-4o-mini", "0.15", "0.60")]
    [InlineData("openai/gpt-4o-mini", "gpt-4o-mini", "0.15", "0.60")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o", "2.50", "10.00")]
    [InlineData("gpt-4.1-mini", "gpt-4.1-mini", "0.40", "1.60")]
    [InlineData("o4-mini-2025-04-16", "o4-mini", "1.10", "4.40")]
    [InlineData("gpt-5-mini-2025-08-07", "gpt-5-mini", "0.25", "2.00")]
    [InlineData("gpt-5", "gpt-5", "1.25", "10.00")]
    public void A_price_follows_the_longest_matching_family(string model, string family, string input, string output)
    {
        var options = new LlmJudgeOptions { Model = model };

        Assert.Equal(family, options.Profile.Family);
        Assert.Equal((decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(output, System.Globalization.CultureInfo.InvariantCulture)), (options.InputPrice, options.OutputPrice));
        Assert.False(string.IsNullOrWhiteSpace(options.Profile.Source));
    }

    [Fact]
    public void Gpt_4o_mini_keeps_the_old_defaults()
    {
        var options = new LlmJudgeOptions();

        Assert.Equal(("gpt-4o-mini", false, 0.1, 200), (options.Profile.Family, options.Profile.Reasoning, options.EffectiveTemperature, options.OutputTokenLimit));
        Assert.Equal((0.15m, 0.60m), (options.InputPrice, options.OutputPrice));
    }

    [Fact]
    public void An_unknown_model_has_unknown_prices_until_an_option_gives_them()
    {
        var unknown = new LlmJudgeOptions { Model = "llama3.1:8b" };
        var hosted = new LlmJudgeOptions { Model = "llama3.1:8b", PriceInputPerMillion = 0m, PriceOutputPerMillion = 0m };

        Assert.Equal((LlmModelProfiles.UnknownFamily, (decimal?)null, (decimal?)null, false), (unknown.Profile.Family, unknown.InputPrice, unknown.OutputPrice, unknown.PricesKnown));
        Assert.Equal((0.1, 200), (unknown.EffectiveTemperature, unknown.OutputTokenLimit));
        Assert.Equal((0m, 0m, true), (hosted.InputPrice, hosted.OutputPrice, hosted.PricesKnown));
    }

    [Fact]
    public void The_profile_file_is_dated_and_every_price_has_a_source()
    {
        // A real calendar date, the day the prices were last confirmed (2025 list prices).
        Assert.Equal(LlmModelProfiles.AsOf, DateOnly.ParseExact(LlmModelProfiles.AsOf, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(
            LlmModelProfiles.All.Where(p => p.PriceInputPerMillion is not null || p.PriceOutputPerMillion is not null),
            p => Assert.StartsWith("https://", p.Source, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_settings_bind_from_Kimera_Llm_and_a_judge_definition_overrides_them()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kimera:Llm:ApiKey"] = "sk-x",
            ["Kimera:Llm:Model"] = "my-deployment",
            ["Kimera:Llm:OmitTemperature"] = "true",
            ["Kimera:Llm:MaxOutputTokens"] = "3000",
            ["Kimera:Llm:ReasoningEffort"] = "medium",
            ["Kimera:Llm:ResponseFormat"] = "json_schema",
            ["Kimera:Llm:PriceInputPerMillion"] = "0",
            ["Kimera:Llm:PriceOutputPerMillion"] = "0",
        }).Build();
        await using var provider = new ServiceCollection().AddLlmJudge(configuration.GetSection(LlmJudgeOptions.SectionName)).BuildServiceProvider();
        var source = Assert.IsType<LlmJudgeSource>(provider.GetRequiredService<ILlmJudgeSource>());

        var configured = provider.GetRequiredService<IOptions<LlmJudgeOptions>>().Value;
        var warm = source.OptionsFor(new JudgeDefinition { Name = "warm", Kind = JudgeKinds.Llm, Model = "gpt-4.1-mini", Temperature = 0.7, MaxOutputTokens = 500, ResponseFormat = "none" });

        Assert.Equal(((double?)null, 3000, "medium", "json_schema", 0m, 0m), (configured.EffectiveTemperature, configured.OutputTokenLimit, configured.ReasoningEffort, configured.EffectiveResponseFormat, configured.InputPrice, configured.OutputPrice));
        // The judge's own temperature wins over the configured "none"; the prices set in the configuration still apply.
        Assert.Equal(((double?)0.7, 500, "medium", "none", 0m), (warm.EffectiveTemperature, warm.OutputTokenLimit, warm.ReasoningEffort, warm.EffectiveResponseFormat, warm.InputPrice));
        Assert.Equal("llm:https://api.openai.com/v1/|gpt-4.1-mini|contradiction-v1|0.7|effort medium", warm.ResultSalt());
        Assert.Equal("llm:https://api.openai.com/v1/|my-deployment|contradiction-v1|none|effort medium", configured.ResultSalt());
    }

    [Fact]
    public async Task A_reasoning_model_is_asked_without_temperature_with_max_completion_tokens_and_the_effort()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(server, o => (o.Model, o.ReasoningEffort) = ("o3-mini", "high"));

        await judge.JudgeManyAsync([TestPairs.Pair("r", "Water is wet", "Water is not wet")]);

        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        var root = body.RootElement;
        Assert.False(root.TryGetProperty("temperature", out _));
        Assert.False(root.TryGetProperty("max_tokens", out _));
        Assert.Equal(4000, root.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("high", root.GetProperty("reasoning_effort").GetString());
        Assert.Equal("o3-mini", root.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Gpt_4o_mini_is_asked_with_its_temperature_and_200_tokens()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(server);

        await judge.JudgeManyAsync([TestPairs.Pair("m", "Water is wet", "Water is not wet")]);

        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        var root = body.RootElement;
        Assert.Equal(0.1f, (float)root.GetProperty("temperature").GetDouble());
        Assert.Equal(200, root.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(root.TryGetProperty("reasoning_effort", out _));
        Assert.False(root.TryGetProperty("response_format", out _));
    }

    [Fact]
    public async Task The_options_override_the_profile_temperature_none_max_tokens_family_and_json_object()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.Model = "gpt-3.5-turbo";
            o.OmitTemperature = true;
            o.MaxOutputTokens = 300;
            o.ResponseFormat = "json_object";
        });

        await judge.JudgeManyAsync([TestPairs.Pair("o", "Water is wet", "Water is not wet")]);

        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        var root = body.RootElement;
        Assert.False(root.TryGetProperty("temperature", out _));
        Assert.False(root.TryGetProperty("max_completion_tokens", out _));
        Assert.Equal(300, root.GetProperty("max_tokens").GetInt32());
        Assert.Equal("json_object", root.GetProperty("response_format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Reasoning_tokens_are_output_tokens_in_the_cost()
    {
        // o3-mini at $1.10 / $4.40 per million; the fake reports 1000 reasoning tokens inside completion_tokens.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ReasoningTokens = 1000 });
        using var judge = JudgeFactory.Create(server, o => o.Model = "o3-mini");

        var result = Assert.Single(await judge.JudgeManyAsync([TestPairs.Pair("c", "Water is wet", "Water is not wet")]));

        // Prompt: the fake counts words, 47 in the system message and 11 in "Statement 1: Water is wet\nStatement 2: Water is
        // not wet"; the answer {"contradiction":true,"confidence":0.9,"reasoning":"exactly one statement is negated"} is 5
        // words, plus the 1000 reasoning tokens.
        var stats = judge.Stats;
        Assert.Equal((58L, 1005L, 1000L), (stats.InputTokens, stats.OutputTokens, stats.ReasoningTokens));
        // (58 × 1.10 + 1005 × 4.40) / 1,000,000 = (63.8 + 4422) / 1e6 = 0.0044858.
        Assert.Equal(0.0044858m, stats.CostUsd);
        Assert.Equal(CostBases.Measured, stats.CostBasis);
        Assert.Equal((1005L, 1000L, 0.0044858), (result.Usage!.OutputTokens, result.Usage.ReasoningTokens, result.Usage.CostUsd));
    }

    [Fact]
    public async Task A_missing_usage_is_counted_with_the_tokenizer_and_marked_estimated()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { OmitUsage = true });
        using var judge = JudgeFactory.Create(server);

        var result = Assert.Single(await judge.JudgeManyAsync([TestPairs.Pair("u", "hello world", "hello world")]));

        // o200k_base: 3 + (4 + 68 system tokens) + (4 + 13 tokens of "Statement 1: hello world\nStatement 2: hello world")
        // = 92 prompt tokens; the answer {"contradiction":false,"confidence":0.8,"reasoning":"no negation difference"} is 21
        // tokens, not the 200 of the limit that was charged before.
        var stats = judge.Stats;
        Assert.Equal((92L, 21L, 1L), (stats.InputTokens, stats.OutputTokens, stats.UsageEstimatedRequests));
        Assert.Equal(CostBases.Estimated, stats.CostBasis);
        // (92 × 0.15 + 21 × 0.60) / 1e6 = (13.8 + 12.6) / 1e6.
        Assert.Equal(0.0000264m, stats.CostUsd);
        Assert.Equal(1, result.Usage!.EstimatedRequests);
    }

    [Fact]
    public async Task An_unknown_model_costs_unknown_and_refuses_a_budget_but_a_price_of_0_holds_one()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var unknown = JudgeFactory.Create(server, o => o.Model = "llama3.1:8b");
        await unknown.JudgeManyAsync([TestPairs.Pair("k", "Water is wet", "Water is not wet")]);

        var refusal = Assert.Throws<OptionsValidationException>(() => JudgeFactory.Create(server, o => (o.Model, o.BudgetUsd) = ("llama3.1:8b", 1m)));
        using var hosted = JudgeFactory.Create(server, o => (o.Model, o.BudgetUsd, o.PriceInputPerMillion, o.PriceOutputPerMillion) = ("llama3.1:8b", 1m, 0m, 0m));
        var judged = Assert.Single(await hosted.JudgeManyAsync([TestPairs.Pair("h", "Fire is hot", "Fire is not hot")]));

        Assert.Equal((CostBases.Unknown, 0m), (unknown.Stats.CostBasis, unknown.Stats.CostUsd));
        Assert.Equal(
            "BudgetUsd needs the prices of model 'llama3.1:8b', which the model profiles do not know; give PriceInputPerMillion and PriceOutputPerMillion (US dollars per million tokens, 0 for a model you host).",
            Assert.Single(refusal.Failures));
        Assert.True(judged.IsJudged);
        Assert.Equal((CostBases.Measured, 0m), (hosted.Stats.CostBasis, hosted.Stats.CostUsd));
    }

    [Fact]
    public async Task The_estimate_counts_the_preflight_request()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(server, o => o.BudgetUsd = 1m);
        var pairs = new[] { TestPairs.Pair("a", "hello world", "hello world"), TestPairs.Pair("b", "hello world", "hello world again") };

        var estimate = await judge.EstimateAsync(pairs);

        // Prompts (3 + (4 + 68 system tokens) + (4 + user tokens)): 92 with "hello world" twice (13 user tokens), 93 with
        // "again" (14), and the preflight's "The sky is blue." / "The sky is not blue." 98 (19); each request at the
        // 200-token limit: 3 × 200 = 600 output tokens.
        Assert.Equal((2, 1, 283L, 600L), (estimate.Pairs, estimate.PreflightRequests, estimate.InputTokens, estimate.OutputTokens));
        // (283 × 0.15 + 600 × 0.60) / 1e6 = (42.45 + 360) / 1e6.
        Assert.Equal(0.00040245m, estimate.CostUsd);
        Assert.Equal(
            "LLM judge estimate: 2 pairs and the preflight request, at most 283 input + 600 output tokens (o200k_base), at most $0.000402; budget $1",
            estimate.Describe());
    }
}
