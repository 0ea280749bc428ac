namespace Kimera.Llm;

/// <summary>How <see cref="LlmPreRunCheck"/> names the settings a person changes to fix what it refuses: the command line's
/// options in <c>kimera run</c>, the configuration keys and request fields in the serverless app (the defaults). The sentences
/// are the same in both; only these names differ.</summary>
public sealed class LlmPreRunWording
{
    /// <summary>The judge's request settings a provider may refuse, by the request parameters that carry them: the one table
    /// that names their command-line options and configuration keys in advice (<see cref="ParameterAdvice"/>,
    /// <see cref="UnparsableAdvice"/>). The first parameter of each row is its main name.</summary>
    private static readonly RequestSetting[] RequestSettings =
    [
        new(["temperature"], "--llm-temperature", "Temperature", "none (or 1)"),
        new(["max_tokens", "max_completion_tokens"], "--llm-max-output-tokens", "MaxOutputTokens", null),
        new(["response_format", "json_schema"], "--llm-response-format", "ResponseFormat", "json_object (or none)"),
        new(["reasoning_effort"], "--llm-reasoning-effort", "ReasoningEffort", null),
    ];

    /// <summary>The budget's setting, e.g. <c>--budget-usd</c>; in the serverless app a run's own <c>budgetUsd</c>, else the
    /// app setting <c>Kimera:Llm:BudgetUsd</c>.</summary>
    public string BudgetSetting { get; set; } = "the run's budget (budgetUsd, else Kimera:Llm:BudgetUsd)";

    /// <summary>The settings that plan fewer pairs, e.g. <c>--sample or --max-pairs</c>.</summary>
    public string FewerPairs { get; set; } = "sample or maxPairs";

    /// <summary>What the earlier runs shared with this one, e.g. <c>this folder</c>.</summary>
    public string EarlierRunsInto { get; set; } = "this run";

    /// <summary>What to check when the endpoint fails the preflight request (one sentence, no final period).</summary>
    public string PreflightAdvice { get; set; } =
        "Check Kimera:Llm:Endpoint, Kimera:Llm:Model and OPENAI_API_KEY (or Kimera:Llm:ApiKey), or leave the LLM out (judges: [\"kimera\"])";

    /// <summary>Whether request settings are named as <c>kimera run</c>'s options (with their <c>Kimera__Llm__*</c> variables)
    /// rather than as configuration keys.</summary>
    public bool CommandLineOptions { get; set; }

    /// <summary>The wording of <c>kimera run</c>.</summary>
    public static LlmPreRunWording CommandLine(string apiKeyVariable) => new()
    {
        BudgetSetting = "--budget-usd",
        FewerPairs = "--sample or --max-pairs",
        EarlierRunsInto = "this folder",
        PreflightAdvice = $"Check --llm-endpoint, --llm-model and {apiKeyVariable}, or leave the LLM out (--judges kimera)",
        CommandLineOptions = true,
    };

    /// <summary>The request parameter of the table that a provider's 400 names (<paramref name="param"/>, its error's
    /// <c>param</c> field, first; otherwise the first of the table's parameters in <paramref name="message"/>); <c>null</c>
    /// when it names none of them.</summary>
    public static string? RejectedParameter(string? param, string? message)
    {
        if (!string.IsNullOrEmpty(param) && Find(param) is not null)
        {
            return MainName(param);
        }

        string? found = null;
        var at = int.MaxValue;
        foreach (var name in RequestSettings.SelectMany(setting => setting.Parameters))
        {
            var index = message?.IndexOf(name, StringComparison.OrdinalIgnoreCase) ?? -1;
            if (index >= 0 && index < at)
            {
                (found, at) = (name, index);
            }
        }

        return found is null ? null : MainName(found);
    }

    /// <summary>The parameter as advice names it: as the provider named it, except a response format's type
    /// (<c>json_schema</c>), which is named by its parameter, <c>response_format</c>.</summary>
    private static string MainName(string parameter) =>
        Find(parameter)!.Parameters[0] == "response_format" ? "response_format" : parameter;

    /// <summary>What to do when the provider refuses <paramref name="parameter"/> (one sentence, no final period).</summary>
    public string ParameterAdvice(string parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var setting = Find(parameter) ?? throw new ArgumentException($"'{parameter}' is not a request setting", nameof(parameter));
        var fix = setting switch
        {
            { Value: { } value } when CommandLineOptions => $"run with {setting.Option} {value}, or set {setting.Variable}",
            { Value: { } value } => $"set {setting.Key} to {value}",
            { Parameters: ["max_tokens", ..] } when CommandLineOptions =>
                $"Kimera sends the output-token limit ({setting.Option}, {setting.Variable}) as 'max_completion_tokens', as OpenAI's current API and Azure OpenAI's /openai/v1/ take it; point --llm-endpoint at such an API",
            { Parameters: ["max_tokens", ..] } =>
                $"Kimera sends the output-token limit ({setting.Key}) as 'max_completion_tokens', as OpenAI's current API and Azure OpenAI's /openai/v1/ take it; point Kimera:Llm:Endpoint at such an API",
            _ when CommandLineOptions => $"run without {setting.Option}, and without {setting.Variable}",
            _ => $"leave {setting.Key} unset",
        };
        return $"The model refuses '{parameter}': {fix}";
    }

    /// <summary>What to do when the preflight's answer is not the JSON verdict the prompt asks for (one sentence, no final period).</summary>
    public string UnparsableAdvice
    {
        get
        {
            var format = Find("response_format")!;
            return CommandLineOptions
                ? $"The model did not answer with the JSON verdict the prompt asks for: run with {format.Option} json_schema (or json_object), or set {format.Variable}, or choose a model that follows the prompt (--llm-model)"
                : $"The model did not answer with the JSON verdict the prompt asks for: set {format.Key} to json_schema (or json_object), or choose a model that follows the prompt (Kimera:Llm:Model)";
        }
    }

    private static RequestSetting? Find(string parameter) =>
        RequestSettings.FirstOrDefault(setting => setting.Parameters.Contains(parameter, StringComparer.OrdinalIgnoreCase));

    /// <param name="Parameters">The request parameters that carry the setting.</param>
    /// <param name="Option">The <c>kimera run</c> option.</param>
    /// <param name="Name">The setting's name in <see cref="LlmJudgeOptions"/> (the configuration key under <c>Kimera:Llm</c>).</param>
    /// <param name="Value">The value that makes the request leave the parameter out or take one every model does; <c>null</c>
    /// when the fix is not a value.</param>
    private sealed record RequestSetting(string[] Parameters, string Option, string Name, string? Value)
    {
        public string Key => "Kimera:Llm:" + Name;

        public string Variable => "Kimera__Llm__" + Name;
    }
}
