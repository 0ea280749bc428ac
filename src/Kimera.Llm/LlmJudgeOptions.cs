using System.Globalization;
using Kimera.Judging;
using Kimera.Llm.Authentication;
using Kimera.Llm.Profiles;
using Kimera.Llm.Prompt;
using Kimera.Llm.Resilience;

namespace Kimera.Llm;

/// <summary>Settings of the LLM judge (configuration section <c>Kimera:Llm</c>); defaults follow docs/algorithm.md ("The LLM judge").</summary>
/// <remarks>The endpoint picks the provider: OpenAI <c>https://api.openai.com/v1/</c>, Azure OpenAI v1
/// <c>https://RESOURCE.openai.azure.com/openai/v1/</c>, OpenRouter <c>https://openrouter.ai/api/v1/</c>,
/// vLLM or Ollama <c>http://host:port/v1/</c>. Rate limits are per <see cref="RateWindow"/> (one minute unless
/// a test shortens it).</remarks>
public sealed class LlmJudgeOptions
{
    /// <summary>Configuration section the DI extension binds by default.</summary>
    public const string SectionName = "Kimera:Llm";

    /// <summary>Base URL of the OpenAI-compatible API (the part before <c>chat/completions</c>).</summary>
    public Uri Endpoint { get; set; } = new("https://api.openai.com/v1/");

    /// <summary>The API key (<c>OPENAI_API_KEY</c>); sent as a bearer token, never logged or written out.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How requests are signed: <see cref="LlmAuthentication.Key"/> (the default: <see cref="ApiKey"/> as a bearer token)
    /// or <see cref="LlmAuthentication.Azure"/> (a Microsoft Entra ID token for Azure OpenAI from <c>DefaultAzureCredential</c>;
    /// no key needed or sent).</summary>
    public LlmAuthentication Auth { get; set; } = LlmAuthentication.Key;

    /// <summary>With <see cref="LlmAuthentication.Azure"/>: the client id of the user-assigned managed identity to sign in
    /// with; <c>null</c> leaves it to <c>DefaultAzureCredential</c> (<c>AZURE_CLIENT_ID</c>, else the system-assigned identity).</summary>
    public string? ManagedIdentityClientId { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>The judge's name: its column prefix in <c>pairs.csv</c> (<c>llm</c> unless a judge file names it).</summary>
    public string JudgeName { get; set; } = JudgeNames.Llm;

    /// <summary>The prompt version; only <see cref="ContradictionPrompt.Version"/> exists.</summary>
    public string PromptVersion { get; set; } = ContradictionPrompt.Version;

    /// <summary>How many times each pair is asked; above 1 the verdict is the repeats' majority (<see cref="RepeatedVerdict"/>).</summary>
    public int Repeats { get; set; } = 1;

    /// <summary>Ask each pair in both orders, (text1, text2) and (text2, text1), each <see cref="Repeats"/> times: twice the
    /// requests; the verdict is the mean score of all the answers (<see cref="OrderedVerdict"/>). Set per judge
    /// (<c>bothOrders</c> in a judge file, <c>--llm-both-orders</c>, <c>Kimera:Llm:BothOrders</c>, which the run resolves into
    /// its judges so the plan has the order columns).</summary>
    public bool BothOrders { get; set; }

    /// <summary>The temperature sent; <c>null</c> = the model's profile decides (<see cref="DefaultTemperature"/>, or none
    /// for a reasoning model, which refuses any but its own). See <see cref="OmitTemperature"/>.</summary>
    public double? Temperature { get; set; }

    /// <summary>Leave the temperature out of the request whatever the profile says (<c>--llm-temperature none</c>,
    /// <c>"temperature": "none"</c> in a judge file).</summary>
    public bool OmitTemperature { get; set; }

    /// <summary>The temperature of a model that takes one when no option sets it.</summary>
    public const double DefaultTemperature = 0.1;

    /// <summary>The output-token limit of each request; <c>null</c> = the profile's (4000 for a reasoning model, 200 otherwise).</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary><c>low</c>, <c>medium</c> or <c>high</c>: sent as <c>reasoning_effort</c>; <c>null</c> = not sent (the model's default).</summary>
    public string? ReasoningEffort { get; set; }

    /// <summary>The reasoning efforts accepted.</summary>
    public static IReadOnlyList<string> ReasoningEfforts => Kimera.Judging.Definitions.JudgeFile.ReasoningEfforts;

    /// <summary><c>json_schema</c>, <c>json_object</c> or <c>none</c>; <c>null</c> = <c>json_schema</c> when
    /// <see cref="UseStructuredOutput"/> is set, otherwise <c>none</c>.</summary>
    public string? ResponseFormat { get; set; }

    /// <summary>The response formats accepted.</summary>
    public static IReadOnlyList<string> ResponseFormats => Kimera.Judging.Definitions.JudgeFile.ResponseFormats;

    /// <summary>The fewest <see cref="RequestsPerMinute"/> the rate buckets can honour (see <see cref="LlmRateGate.MinimumRequestsPerWindow"/>).</summary>
    public const int MinimumRequestsPerMinute = LlmRateGate.MinimumRequestsPerWindow;

    /// <summary>The most <see cref="RequestsPerMinute"/> accepted.</summary>
    public const int MaximumRequestsPerMinute = 10_000_000;

    /// <summary>Requests the endpoint allows per <see cref="RateWindow"/>; the client stays below it.</summary>
    public int RequestsPerMinute { get; set; } = 500;

    /// <summary>Tokens (prompt + max output) the endpoint allows per <see cref="RateWindow"/>.</summary>
    public int TokensPerMinute { get; set; } = 200_000;

    /// <summary>The length of the rate-limit window: one minute for real endpoints; tests shorten it.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Fraction of each limit held back so clock skew and jitter never push the server over it.</summary>
    public double RateHeadroom { get; set; } = 0.02;

    /// <summary>Most HTTP requests in flight at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Retries of one pair after 429, 5xx, timeouts and transport errors (not counting the first attempt).</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>Attempts for a pair whose answers cannot be parsed before it is recorded as an error. An answer that would come
    /// back the same (cut at <see cref="MaxOutputTokens"/>, or unparsable at a temperature of 0.5 or less) gets at most 2
    /// (<see cref="LlmJudgeResilience.RepeatingFailureAttempts"/>); a malformed response body always gets this many.</summary>
    public int MaxParseAttempts { get; set; } = 3;

    /// <summary>First back-off delay; doubled per retry, with jitter, unless the server says how long to wait.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait between retries, whatever the server asks for.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(90);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit for one pair including every retry and wait.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Circuit breaker: the failure ratio (5xx, timeouts, transport errors) that opens it.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Circuit breaker: how long it stays open before a trial request.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Circuit breaker: this many endpoint failures in a row (timeouts, transport errors, 5xx) open it, however
    /// long they took; an answer of any kind (a 429, a 400 too) resets the count.</summary>
    public int CircuitBreakerConsecutiveFailures { get; set; } = 5;

    /// <summary>When the circuit has stayed open this long without an answer, the judge is unavailable: the pairs it
    /// has not judged yet are recorded as <c>judge unavailable: cause</c> and the run goes on with the other judges.</summary>
    public TimeSpan UnavailableAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>US dollars per million input (prompt) tokens; <c>null</c> = the list price of the model's profile (unknown
    /// for a model not listed). 0 for a model you host yourself.</summary>
    public decimal? PriceInputPerMillion { get; set; }

    /// <summary>US dollars per million output (completion, reasoning included) tokens; <c>null</c> = the profile's list price.</summary>
    public decimal? PriceOutputPerMillion { get; set; }

    /// <summary>Spending limit of one run in US dollars; <c>null</c> = no limit.</summary>
    public decimal? BudgetUsd { get; set; }

    /// <summary>Ask for a JSON-schema response format (OpenAI, Azure, vLLM, recent Ollama support it); the older spelling
    /// of <see cref="ResponseFormat"/> <c>json_schema</c>.</summary>
    public bool UseStructuredOutput { get; set; }

    /// <summary>The model's family in the dated profile file (<see cref="LlmModelProfiles"/>).</summary>
    public LlmModelProfile Profile => LlmModelProfiles.Find(Model);

    /// <summary>The temperature the requests carry; <c>null</c> = left out.</summary>
    public double? EffectiveTemperature =>
        OmitTemperature ? null : Temperature ?? (Profile.Temperature ? DefaultTemperature : null);

    /// <summary>The output-token limit the requests carry.</summary>
    public int OutputTokenLimit => MaxOutputTokens ?? Profile.DefaultMaxOutputTokens;

    /// <summary>The input price in force: the option's, else the profile's; <c>null</c> = unknown.</summary>
    public decimal? InputPrice => PriceInputPerMillion ?? Profile.PriceInputPerMillion;

    /// <summary>The output price in force: the option's, else the profile's; <c>null</c> = unknown.</summary>
    public decimal? OutputPrice => PriceOutputPerMillion ?? Profile.PriceOutputPerMillion;

    /// <summary>Whether both prices are known, so that a cost can be computed and a budget held.</summary>
    public bool PricesKnown => InputPrice is not null && OutputPrice is not null;

    /// <summary>The response format the requests ask for: <c>json_schema</c>, <c>json_object</c> or <c>none</c>.</summary>
    public string EffectiveResponseFormat => ResponseFormat ?? (UseStructuredOutput ? "json_schema" : "none");

    /// <summary>The judged pairs are written to the cache every this many results (and at the end).</summary>
    public int CacheWriteBatchSize { get; set; } = 100;

    /// <summary>What of these options changes the answers (endpoint, model, prompt version, temperature), formatted with the
    /// invariant culture so the run fingerprint is the same on every machine (a German culture would write 0,1); repeats
    /// are added only when there are several, and both orders only when asked, so a judge asked once keeps the fingerprint it always
    /// had.</summary>
    /// <remarks>An omitted temperature is written <c>none</c>; a reasoning effort is added only when one is set.</remarks>
    public string ResultSalt()
    {
        var temperature = EffectiveTemperature is { } t ? t.ToString(CultureInfo.InvariantCulture) : "none";
        var salt = string.Create(CultureInfo.InvariantCulture, $"llm:{Endpoint}|{Model}|{PromptVersion}|{temperature}");
        salt += ReasoningEffort is { } effort ? "|effort " + effort : string.Empty;
        salt = Repeats > 1 ? salt + string.Create(CultureInfo.InvariantCulture, $"|repeats {Repeats}") : salt;
        return BothOrders ? salt + "|both orders" : salt;
    }

    /// <summary>Never prints the key: options objects end up in logs and exception messages.</summary>
    public override string ToString() =>
        $"LlmJudgeOptions {{ Endpoint = {Endpoint}, Model = {Model}, Auth = {Auth}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "<none>" : "<set>")} }}";
}
