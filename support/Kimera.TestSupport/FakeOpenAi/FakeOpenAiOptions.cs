namespace Kimera.TestSupport.FakeOpenAi;

/// <summary>Behaviour of <see cref="FakeOpenAiServer"/>: latency, its own rate limit and injected faults, each fault
/// drawn per request with the given probability from a seeded <see cref="Random"/> (so a run is repeatable).</summary>
public sealed class FakeOpenAiOptions
{
    /// <summary>When set, a request without <c>Authorization: Bearer ExpectedApiKey</c> gets 401.</summary>
    public string? ExpectedApiKey { get; set; }

    /// <summary>Every request gets 403 <c>permission_denied</c>, as OpenAI answers a valid key without access to the
    /// project or model (checked after <see cref="ExpectedApiKey"/>).</summary>
    public bool Forbidden { get; set; }

    public int Seed { get; set; } = 1234;

    /// <summary>The server's clock: request times, its own limit window, latency and the answer's <c>created</c>.
    /// Give it the client's fake clock and a test can assert exact waits.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The faults of the first attempts of every pair, in order (e.g. <c>["429"]</c>: each pair's first request
    /// is rate-limited, its retry drawn as usual). Named as in <see cref="RecordedRequest.Fault"/>; the server's own
    /// limit is checked first. Besides the drawn faults: <c>cut</c> (the JSON cut half-way, <c>finish_reason: "length"</c>),
    /// <c>reasoning-only</c> (<c>content: null</c>, the thinking in <c>reasoning_content</c>, <c>finish_reason: "length"</c>,
    /// as vLLM with a reasoning parser answers when the thinking used the whole limit) and <c>null-content</c>
    /// (<c>content: null</c>, <c>finish_reason: "stop"</c>, no <c>reasoning_content</c>); each of them reports the request's
    /// whole output limit as its completion tokens. <c>400-temperature</c>, <c>400-max_tokens</c> and
    /// <c>400-response_format</c> (and <c>400-response_format-top-level</c>) answer 400 with a provider's body refusing that parameter
    /// (<see cref="FakeOpenAiServer.RefusedParameterBodies"/>); <c>empty-content</c> answers <c>""</c> (<c>finish_reason: "stop"</c>), <c>garbled</c> a sentence without the JSON verdict,
    /// <c>rambling</c> several lines of it (longer than a preflight failure shows), and <c>think-only</c> an unclosed
    /// <c>&lt;think&gt;</c> block cut at the output limit (<c>finish_reason: "length"</c>).</summary>
    public IReadOnlyList<string> ScriptedFaults { get; set; } = [];

    /// <summary>Time before every successful answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The server's own limit: more than this many accepted requests in any <see cref="LimitWindow"/> → 429.</summary>
    public int? RequestLimit { get; set; }

    public TimeSpan LimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    public double RateLimitProbability { get; set; }

    /// <summary>The wait an injected 429 asks for.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Send the wait as <c>retry-after-ms</c> instead of whole seconds in <c>Retry-After</c>.</summary>
    public bool RetryAfterAsMilliseconds { get; set; }

    public double ServerErrorProbability { get; set; }

    public double SlowProbability { get; set; }

    /// <summary>How long a slow answer takes; <see cref="Timeout.InfiniteTimeSpan"/> answers only when the client gives up.</summary>
    public TimeSpan SlowLatency { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A 200 whose body is not JSON at all.</summary>
    public double MalformedJsonProbability { get; set; }

    /// <summary>A well-formed completion whose answer text is not the asked-for JSON object.</summary>
    public double GarbledAnswerProbability { get; set; }

    /// <summary>A 200 that announces the full length and then closes the connection half-way.</summary>
    public double TruncatedBodyProbability { get; set; }

    /// <summary>Wrap every answer in a ```json fence, as some models do.</summary>
    public bool FencedAnswers { get; set; }

    /// <summary>How the answer text around the JSON verdict looks, as real models send it (see <see cref="FakeAnswerStyle"/>).</summary>
    public FakeAnswerStyle AnswerStyle { get; set; }

    /// <summary>Every answer also carries <c>reasoning_content</c> (the DeepSeek API, vLLM with a reasoning parser), holding
    /// a draft of the JSON with the opposite verdict: a client that took it for the answer would get every pair wrong.</summary>
    public bool ReasoningContent { get; set; }

    /// <summary>When set, only the first this-many arriving requests are answered; later ones wait until the client gives
    /// up (a run held mid-chunk, deterministically, for a test to stop it there).</summary>
    public int? AnswerFirst { get; set; }

    /// <summary>Omit <c>usage</c> from answers, as some self-hosted servers do.</summary>
    public bool OmitUsage { get; set; }

    /// <summary>Reasoning tokens each answer reports, as OpenAI's reasoning models do: added to <c>completion_tokens</c> (which
    /// include them) and given as <c>completion_tokens_details.reasoning_tokens</c>. 0 = no details sent.</summary>
    public int ReasoningTokens { get; set; }

    /// <summary>When set, the first this-many requests are served as usual and every later one hangs (no byte of an
    /// answer) until the client gives up: an endpoint that dies mid-run. 0 = hangs from the first request.</summary>
    public int? HangAfterAnswers { get; set; }

    /// <summary>When set, a request for any other model gets 404 <c>model_not_found</c>, as OpenAI answers.</summary>
    public IReadOnlyList<string>? KnownModels { get; set; }

    /// <summary>The 2nd, 4th, … answered request with the same two statements gets the opposite verdict: a judge that
    /// changes its mind when asked again (for repeats and judge noise). Per pair, the answers are the same whatever the order.</summary>
    public bool FlipEvenAsks { get; set; }

    /// <summary>When set, the model says "contradiction" exactly when the first statement of the prompt contains this text,
    /// whatever the second: a judge with a position bias. A pair with the marker in one text only gets opposite verdicts in
    /// its two orders; in both texts or in neither, the same verdict.</summary>
    public string? FirstStatementMarker { get; set; }
}
