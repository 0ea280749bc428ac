using System.Globalization;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Llm.Tests;

/// <summary>The run fingerprint's salt comes from one place (<see cref="JudgeCatalog"/>), for both engines. These pin the two
/// bugs of the copies it replaced: the CLI wrote the temperature in the current culture, the serverless copy left out the endpoint.</summary>
public sealed class JudgeCatalogSaltTests
{
    [Fact]
    public void The_salt_is_the_same_under_a_german_culture()
    {
        var catalog = Catalog(new Uri("https://api.openai.com/v1/"));
        var previous = CultureInfo.CurrentCulture;
        string german;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            german = catalog.ResultSalt("minilm", JudgeNames.All);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        // Temperature 0.1 with a point: "0,1" under de-DE was the bug.
        Assert.Equal("embedding:minilm|llm:https://api.openai.com/v1/|gpt-4o-mini|contradiction-v1|0.1", german);
        Assert.Equal(german, catalog.ResultSalt("minilm", JudgeNames.All));
    }

    [Fact]
    public void Another_endpoint_gives_another_salt_and_a_kimera_only_run_ignores_the_llm()
    {
        var openAi = Catalog(new Uri("https://api.openai.com/v1/"));
        var local = Catalog(new Uri("http://localhost:11434/v1/"));

        Assert.NotEqual(openAi.ResultSalt("minilm", JudgeNames.All), local.ResultSalt("minilm", JudgeNames.All));
        Assert.Equal("embedding:minilm", openAi.ResultSalt("minilm", [JudgeNames.Kimera]));
        Assert.Equal("embedding:minilm", new JudgeCatalog(new KimeraEngineOptions()).ResultSalt("minilm", [JudgeNames.Kimera]));
    }

    [Fact]
    public void The_catalog_builds_judges_in_column_order_and_refuses_an_llm_it_does_not_have()
    {
        using var judges = Catalog(new Uri("https://api.openai.com/v1/")).Create([JudgeNames.Llm, JudgeNames.Kimera]);
        Assert.Equal([JudgeNames.Llm, JudgeNames.Kimera], judges.Judges.Select(j => j.Name));

        var error = Assert.Throws<InvalidOperationException>(() => new JudgeCatalog(new KimeraEngineOptions()).Create([JudgeNames.Llm]));
        Assert.Contains("no LLM is configured", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new JudgeCatalog(new KimeraEngineOptions()).Create(["oracle"]));
    }

    private static JudgeCatalog Catalog(Uri endpoint)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLlmJudge(options =>
        {
            options.ApiKey = JudgeFactory.ApiKey;
            options.Endpoint = endpoint;
        });
        var source = services.BuildServiceProvider().GetRequiredService<ILlmJudgeSource>();
        return new JudgeCatalog(new KimeraEngineOptions(), source);
    }
}
