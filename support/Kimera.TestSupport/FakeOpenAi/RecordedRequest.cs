namespace Kimera.TestSupport.FakeOpenAi;

/// <summary>One request the fake server received and what it answered, with its <c>Authorization</c> and <c>api-key</c>
/// headers as sent (test keys and tokens only), so a test can tell a key from an Entra ID token and see that no key went out.</summary>
/// <param name="ArrivedAt">Time since the server started when the request arrived.</param>
/// <param name="RespondedAt">Time since the server started when the answer (or fault) was sent.</param>
/// <param name="PairKey">The pair's two statements, identifying retries of the same pair.</param>
/// <param name="Fault"><c>none</c>, <c>limit</c>, <c>429</c>, <c>500</c>, <c>slow</c>, <c>malformed</c>, <c>garbled</c>, <c>truncated</c>, <c>401</c>, <c>404</c> (unknown model), <c>reset</c> (connection dropped before answering), <c>hang</c>, and the scripted answers of <see cref="FakeOpenAiOptions.ScriptedFaults"/>: <c>cut</c>, <c>reasoning-only</c>, <c>null-content</c>.</param>
/// <param name="RetryAfterGiven">The wait a 429 asked for.</param>
/// <param name="Authorization">The <c>Authorization</c> header as sent; <c>null</c> when there was none.</param>
/// <param name="ApiKeyHeader">The <c>api-key</c> header (Azure OpenAI's key header) as sent; <c>null</c> when there was none.</param>
/// <param name="PromptTokens">The usage a 200 answer reported (what a real provider would bill); 0 otherwise.</param>
public sealed record RecordedRequest(
    long Sequence,
    TimeSpan ArrivedAt,
    TimeSpan RespondedAt,
    string PairKey,
    string Body,
    bool HadAuthorization,
    bool AuthorizationMatched,
    string Fault,
    int StatusCode,
    TimeSpan? RetryAfterGiven,
    int PromptTokens = 0,
    int CompletionTokens = 0,
    string? Authorization = null,
    string? ApiKeyHeader = null);
