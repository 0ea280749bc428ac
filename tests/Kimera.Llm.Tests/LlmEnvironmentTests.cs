using System.Collections;

namespace Kimera.Llm.Tests;

public sealed class LlmEnvironmentTests
{
    [Fact]
    public void Kimera__Llm__variables_set_options_but_never_the_key()
    {
        var options = new LlmJudgeOptions { ApiKey = "from-OPENAI_API_KEY" };
        var variables = new Hashtable
        {
            ["Kimera__Llm__AttemptTimeout"] = "00:00:02",
            ["Kimera__Llm__UnavailableAfter"] = "00:00:05",
            ["Kimera__Llm__CircuitBreakerConsecutiveFailures"] = "3",
            ["Kimera__Llm__ApiKey"] = "sk-from-elsewhere",
            ["PATH"] = "/bin",
        };

        LlmEnvironment.Apply(options, variables);

        Assert.Equal(TimeSpan.FromSeconds(2), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.UnavailableAfter);
        Assert.Equal(3, options.CircuitBreakerConsecutiveFailures);
        Assert.Equal("from-OPENAI_API_KEY", options.ApiKey);
    }
}
