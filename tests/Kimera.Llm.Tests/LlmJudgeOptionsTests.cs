using Kimera.Judging;
using Kimera.Storage.Sqlite;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kimera.Llm.Tests;

public sealed class LlmJudgeOptionsTests
{
    [Fact]
    public void Defaults_follow_the_spec()
    {
        var options = new LlmJudgeOptions();
        Assert.Equal("gpt-4o-mini", options.Model);
        // Unset, the model's profile decides: gpt-4o-mini takes a temperature of 0.1 and 200 output tokens.
        Assert.Equal((null, null, false), (options.Temperature, options.MaxOutputTokens, options.OmitTemperature));
        Assert.Equal((0.1, 200), (options.EffectiveTemperature, options.OutputTokenLimit));
        Assert.False(options.UseStructuredOutput);
        Assert.Null(options.BudgetUsd);
    }

    [Fact]
    public void Every_bad_value_is_named()
    {
        var options = new LlmJudgeOptions
        {
            Endpoint = new Uri("ftp://example.org/"),
            ApiKey = " ",
            Temperature = 3,
            MaxConcurrency = 0,
            RequestsPerMinute = 1, // one request a minute: the rate gate cannot keep a window to one (LlmRateGate.MinimumRequestsPerWindow)
            AttemptTimeout = TimeSpan.FromMinutes(10),
            TotalTimeout = TimeSpan.FromMinutes(1),
            BudgetUsd = -1,
        };

        var error = Assert.Throws<OptionsValidationException>(() => LlmJudgeOptionsValidator.ThrowIfInvalid(options));

        Assert.Equal(
            [
                "Endpoint 'ftp://example.org/' must be an absolute http(s) URL such as https://api.openai.com/v1/.",
                "ApiKey is empty: set OPENAI_API_KEY (or sign in with Entra ID: Auth azure).",
                "Temperature 3 must be between 0 and 2.",
                "RequestsPerMinute 1 must be between 2 and 10000000.",
                "MaxConcurrency 0 must be between 1 and 1000.",
                "TotalTimeout 00:01:00 must not be shorter than AttemptTimeout 00:10:00.",
                "BudgetUsd -1 must not be negative.",
            ],
            error.Failures);
    }

    [Fact]
    public async Task The_DI_registration_binds_configuration_and_uses_a_registered_cache()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeOpenAiServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kimera:Llm:Endpoint"] = server.BaseUrl.ToString(),
            ["Kimera:Llm:ApiKey"] = "sk-from-config",
            ["Kimera:Llm:Model"] = "gpt-4o-mini",
            ["Kimera:Llm:MaxConcurrency"] = "3",
            ["Kimera:Llm:AttemptTimeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IJudgementCache>(new SqliteJudgementCache(temp.File("kimera.db")))
            .AddLlmJudge(configuration.GetSection(LlmJudgeOptions.SectionName));
        await using var provider = services.BuildServiceProvider();

        var source = Assert.IsType<LlmJudgeSource>(provider.GetRequiredService<ILlmJudgeSource>());
        using var judge = source.CreateJudge(LlmShare.WholeRun);
        var pair = TestPairs.Pair("d", "Snow is cold", "Snow is not cold");
        await judge.JudgeManyAsync([pair]);
        await judge.JudgeManyAsync([pair]);

        Assert.Equal(3, provider.GetRequiredService<IOptions<LlmJudgeOptions>>().Value.MaxConcurrency);
        Assert.Single(server.Requests); // the second call came from the registered SQLite cache
        Assert.Equal(1, judge.Stats.CacheHits);
    }

    [Fact]
    public async Task The_DI_registration_uses_the_system_clock_unless_a_clock_is_registered()
    {
        var fake = new FakeTimeProvider();
        await using var withClock = new ServiceCollection().AddSingleton<TimeProvider>(fake).AddLlmJudge(o => o.ApiKey = "sk-x").BuildServiceProvider();
        await using var withoutClock = new ServiceCollection().AddLlmJudge(o => o.ApiKey = "sk-x").BuildServiceProvider();

        Assert.Same(fake, withClock.GetRequiredService<TimeProvider>());
        Assert.Same(TimeProvider.System, withoutClock.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task The_DI_registration_refuses_invalid_options()
    {
        var services = new ServiceCollection().AddLlmJudge(o => o.ApiKey = null);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ILlmJudgeSource>());

        Assert.Contains("ApiKey is empty: set OPENAI_API_KEY (or sign in with Entra ID: Auth azure).", error.Failures);
    }
}
