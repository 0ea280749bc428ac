using Kimera.Judging;
using Kimera.Pipeline.Stages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kimera.Llm.Tests;

/// <summary><see cref="LlmServiceCollectionExtensions.AddLlmJudges"/>: the LLM judges as both hosts configure them, from the
/// host's configuration (where environment variables <c>Kimera__Llm__…</c> arrive as <c>Kimera:Llm:…</c>).</summary>
public sealed class LlmJudgesConfigurationTests
{
    [Fact]
    public async Task Section_keys_set_the_options_OPENAI_API_KEY_the_key_and_the_pre_run_check_is_registered()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kimera:Llm:AttemptTimeout"] = "00:00:02",
            ["Kimera:Llm:UnavailableAfter"] = "00:00:05",
            ["Kimera:Llm:CircuitBreakerConsecutiveFailures"] = "3",
            ["OPENAI_API_KEY"] = "sk-from-the-environment",
        }).Build();

        await using var provider = new ServiceCollection().AddLogging().AddLlmJudges(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LlmJudgeOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(2), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.UnavailableAfter);
        Assert.Equal(3, options.CircuitBreakerConsecutiveFailures);
        Assert.Equal("sk-from-the-environment", options.ApiKey);
        Assert.IsType<LlmJudgeSource>(provider.GetRequiredService<ILlmJudgeSource>());
        Assert.IsType<LlmPreRunCheck>(Assert.Single(provider.GetServices<IPlanCheck>()));
    }

    [Fact]
    public async Task Without_a_key_there_is_no_llm_judge_nor_its_check_but_the_limits_are_read()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kimera:Llm:RequestsPerMinute"] = "120",
        }).Build();

        await using var provider = new ServiceCollection().AddLogging().AddLlmJudges(configuration).BuildServiceProvider();

        Assert.Null(provider.GetService<ILlmJudgeSource>());
        Assert.Empty(provider.GetServices<IPlanCheck>());
        Assert.Equal(120, provider.GetRequiredService<IOptions<LlmJudgeOptions>>().Value.RequestsPerMinute);
    }
}
