namespace Kimera.Judging.Definitions;

/// <summary>
/// One judge of a run: its name (the column prefix in <c>pairs.csv</c>), its kind, and whatever it overrides of the run's
/// defaults. The shape of one entry of a judge file (<c>--judges-file</c>) and of the <c>judges</c> array of
/// <c>POST /api/runs</c>; it travels in the run specification and the plan, so both engines build the same judges.
/// Unset (null) settings keep the run's defaults (<c>Kimera:Engine</c>, <c>Kimera:Llm</c>, the command-line options).
/// </summary>
public sealed record JudgeDefinition
{
    /// <summary>Unique in the run; letters, digits, <c>_</c>, <c>-</c> and <c>.</c>, starting with a letter.</summary>
    public required string Name { get; init; }

    /// <summary><see cref="JudgeKinds.Kimera"/> or <see cref="JudgeKinds.Llm"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Kimera engine options overridden for this judge, by their canonical <c>KimeraEngineOptions</c> property name,
    /// each value in invariant text (<c>0.5</c>, <c>true</c>, <c>3</c>); see <see cref="KimeraOptionOverrides"/>.</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }

    /// <summary>LLM: base URL of the OpenAI-compatible API.</summary>
    public string? Endpoint { get; init; }

    /// <summary>LLM: the model id.</summary>
    public string? Model { get; init; }

    /// <summary>LLM: the environment variable (app setting) that holds the API key; never the key itself.</summary>
    public string? ApiKeyVariable { get; init; }

    /// <summary>LLM: how requests are signed, <see cref="JudgeAuth.Key"/> (the API key) or <see cref="JudgeAuth.Azure"/>
    /// (a Microsoft Entra ID token from <c>DefaultAzureCredential</c>, no key); unset = the run's <c>Kimera:Llm:Auth</c>.</summary>
    public string? Auth { get; init; }

    /// <summary>LLM, with <see cref="JudgeAuth.Azure"/>: the client id of the user-assigned managed identity to sign in with.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>LLM: the prompt version (only the current one exists; naming it pins it).</summary>
    public string? PromptVersion { get; init; }

    /// <summary>LLM: sampling temperature, 0–2; unset = the model profile's (0.1, none for a reasoning model).</summary>
    public double? Temperature { get; init; }

    /// <summary>LLM: <c>true</c> leaves the temperature out of the request (<c>"temperature": "none"</c> in a judge file).</summary>
    public bool? OmitTemperature { get; init; }

    /// <summary>LLM: the output-token limit of each request (16–100000); unset = the profile's (4000 reasoning, 200 otherwise).</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>LLM: <c>low</c>, <c>medium</c> or <c>high</c>, sent as <c>reasoning_effort</c>.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>LLM: <c>json_schema</c>, <c>json_object</c> or <c>none</c>.</summary>
    public string? ResponseFormat { get; init; }

    /// <summary>LLM: requests per minute of the judge's endpoint (judges on one endpoint share that endpoint's limits).</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>LLM: tokens per minute of the judge's endpoint.</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>LLM: US dollars per million input tokens.</summary>
    public decimal? PriceInputPerMillion { get; init; }

    /// <summary>LLM: US dollars per million output tokens.</summary>
    public decimal? PriceOutputPerMillion { get; init; }

    /// <summary>LLM: this judge's fraction of the run's budget, in (0, 1]; unset = an equal part of what the LLM judges
    /// with no share set leave.</summary>
    public decimal? BudgetShare { get; init; }

    /// <summary>LLM: how many times each pair is asked (1–20); above 1 the judge's verdict is the repeats' majority
    /// (mean score) and each repeat gets its own column group <c>name@k</c> for the noise statistics.</summary>
    public int? Repeats { get; init; }

    /// <summary>LLM: ask each pair in both orders, (text1, text2) and (text2, text1), each order <see cref="RepeatCount"/> times;
    /// the verdict is the mean score of all the answers (<see cref="OrderedVerdict"/>) and the two orders get their own column
    /// groups <c>name@ab</c> and <c>name@ba</c> for the order flip rate. <c>null</c> or false: one order.</summary>
    public bool? BothOrders { get; init; }

    /// <summary>True when each pair is asked in both orders.</summary>
    public bool AsksBothOrders => BothOrders == true;

    /// <summary>The judge that a shorthand name (<c>--judges kimera,llm</c>) stands for: the run's defaults.</summary>
    public static JudgeDefinition FromShorthand(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new JudgeDefinition { Name = name, Kind = name };
    }

    /// <summary>How many times each pair is asked (1 unless <see cref="Repeats"/> says more).</summary>
    public int RepeatCount => Repeats ?? 1;

    /// <summary>True when this is exactly what a shorthand name stands for (nothing overridden): such a judge adds nothing to
    /// the run's fingerprint, so runs asked for by shorthand keep the fingerprints they always had.</summary>
    public bool IsShorthand =>
        Name == Kind && (Options is null || Options.Count == 0) && Endpoint is null && Model is null && ApiKeyVariable is null
        && Auth is null && ManagedIdentityClientId is null
        && PromptVersion is null && Temperature is null && OmitTemperature is null && MaxOutputTokens is null && ReasoningEffort is null
        && ResponseFormat is null && RequestsPerMinute is null && TokensPerMinute is null
        && PriceInputPerMillion is null && PriceOutputPerMillion is null && BudgetShare is null && RepeatCount == 1
        && BothOrders is null;
}

/// <summary>The values of <see cref="JudgeDefinition.Auth"/>.</summary>
public static class JudgeAuth
{
    public const string Key = "key";

    public const string Azure = "azure";

    public static readonly IReadOnlyList<string> All = [Key, Azure];
}
