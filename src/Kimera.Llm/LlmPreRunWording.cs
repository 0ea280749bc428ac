namespace Kimera.Llm;

/// <summary>How <see cref="LlmPreRunCheck"/> names the settings a person changes to fix what it refuses: the command line's
/// options in <c>kimera run</c>, the configuration keys and request fields in the serverless app (the defaults). The sentences
/// are the same in both; only these names differ.</summary>
public sealed class LlmPreRunWording
{
    /// <summary>The budget's setting, e.g. <c>--budget-usd</c>.</summary>
    public string BudgetSetting { get; set; } = "Kimera:Llm:BudgetUsd";

    /// <summary>The settings that plan fewer pairs, e.g. <c>--sample or --max-pairs</c>.</summary>
    public string FewerPairs { get; set; } = "sample or maxPairs";

    /// <summary>What the earlier runs shared with this one, e.g. <c>this folder</c>.</summary>
    public string EarlierRunsInto { get; set; } = "this run";

    /// <summary>What to check when the endpoint fails the preflight request (one sentence, no final period).</summary>
    public string PreflightAdvice { get; set; } =
        "Check Kimera:Llm:Endpoint, Kimera:Llm:Model and OPENAI_API_KEY (or Kimera:Llm:ApiKey), or leave the LLM out (judges: [\"kimera\"])";

    /// <summary>The wording of <c>kimera run</c>.</summary>
    public static LlmPreRunWording CommandLine(string apiKeyVariable) => new()
    {
        BudgetSetting = "--budget-usd",
        FewerPairs = "--sample or --max-pairs",
        EarlierRunsInto = "this folder",
        PreflightAdvice = $"Check --llm-endpoint, --llm-model and {apiKeyVariable}, or leave the LLM out (--judges kimera)",
    };
}
