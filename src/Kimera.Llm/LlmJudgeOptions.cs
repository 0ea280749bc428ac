using System.Globalization;
using Kimera.Judging;
using Kimera.Llm.Authentication;
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

    public double Temperature { get; set; } = 0.1;

    public int MaxOutputTokens { get; set; } = 200;

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

    /// <summary>US dollars per million input (prompt) tokens; default: gpt-4o-mini list price.</summary>
    public decimal PriceInputPerMillion { get; set; } = 0.15m;

    /// <summary>US dollars per million output (completion) tokens; default: gpt-4o-mini list price.</summary>
    public decimal PriceOutputPerMillion { get; set; } = 0.60m;

    /// <summary>Spending limit of one run in US dollars; <c>null</c> = no limit.</summary>
    public decimal? BudgetUsd { get; set; }

    /// <summary>Ask for a JSON-schema response format (OpenAI, Azure, vLLM, recent Ollama support it).</summary>
    public bool UseStructuredOutput { get; set; }

    /// <summary>The judged pairs are written to the cache every this many results (and at the end).</summary>
    public int CacheWriteBatchSize { get; set; } = 100;

    /// <summary>What of these options changes the answers (endpoint, model, prompt version, temperature), formatted with the
    /// invariant culture so the run fingerprint is the same on every machine (a German culture would write 0,1); repeats
    /// are added only when there are several, so a judge asked once keeps the fingerprint it always had.</summary>
    public string ResultSalt() => Repeats > 1
        ? string.Create(CultureInfo.InvariantCulture, $"llm:{Endpoint}|{Model}|{PromptVersion}|{Temperature}|repeats {Repeats}")
        : string.Create(CultureInfo.InvariantCulture, $"llm:{Endpoint}|{Model}|{PromptVersion}|{Temperature}");

    /// <summary>Never prints the key: options objects end up in logs and exception messages.</summary>
    public override string ToString() =>
        $"LlmJudgeOptions {{ Endpoint = {Endpoint}, Model = {Model}, Auth = {Auth}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "<none>" : "<set>")} }}";
}
