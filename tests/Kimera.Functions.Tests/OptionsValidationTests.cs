using Kimera.Functions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kimera.Functions.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Out_of_range_run_defaults_fail_naming_the_key_and_value()
    {
        using var provider = Provider(new() { ["Kimera:Run:ChunkSize"] = "0", ["Kimera:Run:Judges:0"] = "oracle", ["Kimera:Run:RetryMaxAttempts"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RunDefaultsOptions>>().Value);

        Assert.Equal(
            [
                "Kimera:Run:chunkSize 0 must be between 1 and 1000000.",
                "Kimera:Run:judges: 'oracle' is not a known judge (kimera, llm).",
                "Kimera:Run:RetryMaxAttempts 0 must be between 1 and 20.",
            ],
            error.Failures);
    }

    [Fact]
    public void Configured_run_defaults_are_bound_from_the_kimera_run_section()
    {
        using var provider = Provider(new() { ["Kimera:Run:ChunkSize"] = "250", ["Kimera:Run:MaxParallelChunks"] = "32", ["Kimera:Run:RetryFirstInterval"] = "00:00:02" });

        var options = provider.GetRequiredService<IOptions<RunDefaultsOptions>>().Value;

        Assert.Equal((250, 32, TimeSpan.FromSeconds(2), 4), (options.ChunkSize, options.MaxParallelChunks, options.RetryFirstInterval, options.RetryMaxAttempts));
    }

    [Fact]
    public void An_llm_api_key_with_bad_llm_options_fails_validation()
    {
        using var provider = Provider(new() { ["OPENAI_API_KEY"] = "sk-test", ["Kimera:Llm:RequestsPerMinute"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Kimera.Llm.LlmJudgeOptions>>().Value);

        Assert.Contains("RequestsPerMinute 0 must be between 1 and 10000000.", error.Failures);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKimeraFunctions(configuration);
        return services.BuildServiceProvider();
    }
}
