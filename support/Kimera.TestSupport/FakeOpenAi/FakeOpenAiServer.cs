using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kimera.TestSupport.FakeOpenAi;

/// <summary>A real Kestrel server on 127.0.0.1 (free port) that speaks <c>POST /v1/chat/completions</c> with the
/// deterministic <see cref="FakeModel"/>, enforces its own requests-per-window limit, injects the faults of
/// <see cref="FakeOpenAiOptions"/>, and records every request for assertions.</summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private const string FirstPrefix = "Statement 1: ";
    private const string SecondPrefix = "\nStatement 2: ";

    private const string UsageKey = "kimera-fake-usage";
    private readonly FakeOpenAiOptions _options;
    private readonly WebApplication _app;
    private readonly long _started;
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly List<RecordedRequest> _requests = [];
    private readonly Queue<TimeSpan> _accepted = new();
    private readonly Dictionary<string, int> _attemptsPerPair = new(StringComparer.Ordinal);
    private readonly CountSignals _arrivals = new();
    private readonly CountSignals _answers = new();
    private int _arrived;
    private int _served;
    private int _busy;
    private long _sequence;

    private FakeOpenAiServer(FakeOpenAiOptions options, WebApplication app)
    {
        _options = options;
        _app = app;
        _random = new Random(options.Seed);
        _started = options.TimeProvider.GetTimestamp();
    }

    /// <summary>The base URL to give an OpenAI client, ending in <c>/v1/</c>.</summary>
    private readonly ConcurrentDictionary<(string First, string Second), int> _asks = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeOpenAiServer> StartAsync(FakeOpenAiOptions? options = null)
    {
        options ??= new FakeOpenAiOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeOpenAiServer(options, app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1/");
        return server;
    }

    /// <summary>A base URL on 127.0.0.1 whose port nothing listens on (it was free a moment ago): connections to it are refused.</summary>
    public static Uri ClosedPortUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/v1/");
    }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Completes when <paramref name="count"/> requests have arrived (their faults chosen, answers not yet sent):
    /// the event a test waits for instead of sleeping.</summary>
    public Task WhenArrivedAsync(int count)
    {
        lock (_gate)
        {
            return _arrivals.WhenReached(_arrived, count);
        }
    }

    /// <summary>Completes when <paramref name="count"/> requests have been answered (or given up by the client) and recorded.</summary>
    public Task WhenAnsweredAsync(int count)
    {
        lock (_gate)
        {
            return _answers.WhenReached(_requests.Count, count);
        }
    }

    /// <summary>Requests that have arrived so far (some may still wait for their answer).</summary>
    public int Arrived
    {
        get
        {
            lock (_gate)
            {
                return _arrived;
            }
        }
    }

    /// <summary>Requests the server is working on right now, not counting those that wait on its clock (a hang, a latency)
    /// or on the client: 0 means that nothing moves on the server side until the clock is advanced or the client acts.
    /// A test driving a fake clock waits for it before each advance, so that no answer under way meets a timeout.</summary>
    public int Busy => Volatile.Read(ref _busy);

    /// <summary>Requests refused by the server's own limit.</summary>
    public int LimitRejections => Requests.Count(r => r.Fault == "limit");

    /// <summary>For each 429, the time from sending it to the next request about the same pair.</summary>
    public IReadOnlyList<RetryGap> GapsAfterRateLimit()
    {
        var all = Requests;
        var gaps = new List<RetryGap>();
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].StatusCode != 429)
            {
                continue;
            }

            var next = all.Skip(i + 1).FirstOrDefault(r => r.PairKey == all[i].PairKey);
            if (next is not null)
            {
                gaps.Add(new RetryGap(all[i].PairKey, all[i].RetryAfterGiven ?? TimeSpan.Zero, next.ArrivedAt - all[i].RespondedAt));
            }
        }

        return gaps;
    }

    /// <summary>The most requests that arrived within any span of <paramref name="window"/> length.</summary>
    public int MaxRequestsInAnyWindow(TimeSpan window)
    {
        var times = Requests.Select(r => r.ArrivedAt).Order().ToArray();
        var best = 0;
        var start = 0;
        for (var end = 0; end < times.Length; end++)
        {
            while (times[end] - times[start] >= window)
            {
                start++;
            }

            best = Math.Max(best, end - start + 1);
        }

        return best;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _busy);
        try
        {
            await HandleCountedAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
        }
    }

    /// <summary>A wait on the server's clock or on the client, not counted as <see cref="Busy"/>.</summary>
    private async Task IdleAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay == TimeSpan.Zero)
        {
            // As Task.Delay(0) would: a client that has given up already ends the request here.
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        Interlocked.Decrement(ref _busy);
        try
        {
            await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref _busy);
        }
    }

    private async Task HandleCountedAsync(HttpContext context)
    {
        var arrivedAt = Now();
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        var hadAuthorization = !string.IsNullOrEmpty(authorization);
        var matched = _options.ExpectedApiKey is null || authorization == "Bearer " + _options.ExpectedApiKey;
        var (model, first, second) = ReadRequest(body);
        var pairKey = first + "\u241E" + second;

        string fault;
        TimeSpan? retryAfter = null;
        int arrival;
        lock (_gate)
        {
            arrival = _arrived + 1;
            var attempt = _attemptsPerPair[pairKey] = _attemptsPerPair.GetValueOrDefault(pairKey) + 1;
            fault = !matched ? "401"
                : _options.Forbidden ? "403"
                : _options.KnownModels is { } known && !known.Contains(model, StringComparer.Ordinal) ? "404"
                : _options.HangAfterAnswers is { } served && _served++ >= served ? "hang"
                : ChooseFault(arrivedAt, attempt, out retryAfter);
            _arrivals.Release(++_arrived);
        }

        if (retryAfter is { } wait && !_options.RetryAfterAsMilliseconds)
        {
            // Retry-After carries whole seconds: round up so a client that obeys never comes back too early.
            retryAfter = TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));
        }

        var status = 200;
        TimeSpan? respondedAt = null;
        try
        {
            if (_options.AnswerFirst is { } answered && arrival > answered)
            {
                await IdleAsync(Timeout.InfiniteTimeSpan, context.RequestAborted).ConfigureAwait(false);
            }

            await RespondAsync(context, fault, model, body, first, second, retryAfter, s => status = s, () => respondedAt = Now()).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its attempt timeout): record the request all the same.
            status = 499;
        }
        finally
        {
            lock (_gate)
            {
                var usage = context.Items.TryGetValue(UsageKey, out var value) ? ((int Prompt, int Completion))value! : default;
                _requests.Add(new RecordedRequest(
                    ++_sequence, arrivedAt, respondedAt ?? Now(), pairKey, body, hadAuthorization, matched, fault, status, retryAfter,
                    usage.Prompt, usage.Completion, hadAuthorization ? authorization : null,
                    context.Request.Headers.TryGetValue("api-key", out var apiKey) ? apiKey.ToString() : null));
                _answers.Release(_requests.Count);
            }
        }
    }

    private async Task RespondAsync(
        HttpContext context, string fault, string model, string body, string first, string second, TimeSpan? retryAfter,
        Action<int> setStatus, Action markResponding)
    {
        var response = context.Response;
        var status = 200;

        // Stamped before the answer is written: once it is, the client may go on (and a test advance its clock) at once.
        switch (fault)
        {
            case "401":
                markResponding();
                status = 401;
                await WriteErrorAsync(response, status, "invalid_api_key", "Incorrect API key provided.").ConfigureAwait(false);
                break;
            case "403":
                markResponding();
                status = 403;
                await WriteErrorAsync(response, status, "permission_denied", "You are not allowed to sample from this model.").ConfigureAwait(false);
                break;
            case "404":
                markResponding();
                status = 404;
                await WriteErrorAsync(response, status, "model_not_found", $"The model `{model}` does not exist or you do not have access to it.").ConfigureAwait(false);
                break;
            case "400-temperature" or "400-max_tokens" or "400-response_format" or "400-response_format-top-level" or "400-messages":
                markResponding();
                status = 400;
                response.StatusCode = status;
                response.ContentType = "application/json";
                await response.WriteAsync(RefusedParameterBodies[fault]).ConfigureAwait(false);
                break;
            case "reset":
                // The connection is dropped before any byte of the answer: the client's send itself fails, always the
                // same way (a "truncated" answer fails either while sending or while reading, as the reset races the client).
                context.Abort();
                status = 0; // no status line was sent
                break;
            case "hang":
                // Never answers: ends (as a 499) when the client gives up.
                await IdleAsync(Timeout.InfiniteTimeSpan, context.RequestAborted).ConfigureAwait(false);
                break;
            case "limit" or "429":
                markResponding();
                status = 429;
                response.Headers["x-ratelimit-remaining-requests"] = "0";
                if (_options.RetryAfterAsMilliseconds)
                {
                    response.Headers["retry-after-ms"] = ((long)Math.Ceiling(retryAfter!.Value.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    response.Headers.RetryAfter = ((long)retryAfter!.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await WriteErrorAsync(response, status, "rate_limit_exceeded", "Rate limit reached.").ConfigureAwait(false);
                break;
            case "500":
                markResponding();
                status = 500;
                await WriteErrorAsync(response, status, "server_error", "The server had an error.").ConfigureAwait(false);
                break;
            default:
                await IdleAsync(fault == "slow" ? _options.SlowLatency : _options.Latency, context.RequestAborted).ConfigureAwait(false);
                markResponding();
                await WriteAnswerAsync(response, fault, model, body, first, second).ConfigureAwait(false);
                if (fault == "truncated")
                {
                    context.Abort();
                }

                break;
        }

        setStatus(status);
    }

    private string ChooseFault(TimeSpan now, int attempt, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        if (_options.RequestLimit is { } limit)
        {
            while (_accepted.Count > 0 && now - _accepted.Peek() >= _options.LimitWindow)
            {
                _accepted.Dequeue();
            }

            if (_accepted.Count >= limit)
            {
                // Refused requests do not use up the window, as with OpenAI.
                retryAfter = _accepted.Peek() + _options.LimitWindow - now;
                return "limit";
            }

            _accepted.Enqueue(now);
        }

        if (attempt <= _options.ScriptedFaults.Count)
        {
            var scripted = _options.ScriptedFaults[attempt - 1];
            retryAfter = scripted == "429" ? _options.RetryAfter : null;
            return scripted;
        }

        var draw = _random.NextDouble();
        var bands = new (string Fault, double Probability)[]
        {
            ("429", _options.RateLimitProbability),
            ("500", _options.ServerErrorProbability),
            ("malformed", _options.MalformedJsonProbability),
            ("garbled", _options.GarbledAnswerProbability),
            ("truncated", _options.TruncatedBodyProbability),
            ("slow", _options.SlowProbability),
        };
        foreach (var (fault, probability) in bands)
        {
            if (draw < probability)
            {
                retryAfter = fault == "429" ? _options.RetryAfter : null;
                return fault;
            }

            draw -= probability;
        }

        return "none";
    }

    private async Task WriteAnswerAsync(HttpResponse response, string fault, string model, string requestBody, string first, string second)
    {
        string? content;
        string? reasoningContent = null;
        var finishReason = "stop";
        var contradiction = _options.FirstStatementMarker is { } marker
            ? first.Contains(marker, StringComparison.Ordinal)
            : FakeModel.IsContradiction(first, second);
        if (fault == "garbled")
        {
            content = "I think these two statements are probably related, but I cannot say.";
        }
        else if (fault == "rambling")
        {
            // A chat model that ignores the format and talks at length, over several lines.
            content = "Sure! Let me think about these two statements.\n\nThe first one says something about the sky, and the second one "
                + "seems to say the opposite, although it depends on the time of day and on what one means by blue.\nHope this helps!";
        }
        else if (fault == "think-only")
        {
            // A reasoning model through Ollama whose thinking, in the content, used the whole output limit: never closed.
            content = "<think>\n" + Thinking(contradiction);
            finishReason = "length";
        }
        else if (fault == "empty-content")
        {
            content = string.Empty;
        }
        else if (fault is "reasoning-only" or "null-content")
        {
            // The thinking used the whole output limit: no answer text (vLLM with a reasoning parser, OpenAI reasoning models).
            content = null;
            reasoningContent = fault == "reasoning-only" ? Thinking(contradiction) : null;
            finishReason = fault == "reasoning-only" ? "length" : "stop";
        }
        else
        {
            if (_options.FlipEvenAsks && _asks.AddOrUpdate((first, second), 1, (_, n) => n + 1) % 2 == 0)
            {
                contradiction = !contradiction;
            }

            content = Verdict(contradiction, _options.AnswerStyle == FakeAnswerStyle.BracesInStrings
                ? "one says {calm}, the other }{ not calm"
                : null);
            if (fault == "cut")
            {
                // Cut at the output limit half-way through the object.
                content = content[..(content.Length / 2)];
                finishReason = "length";
            }
            else
            {
                content = _options.AnswerStyle switch
                {
                    FakeAnswerStyle.ThinkingThenFence => "<think>\n" + Thinking(contradiction) + "\n</think>\n\n```json\n" + content + "\n```",
                    FakeAnswerStyle.Prose => "Looking at both statements {as asked}, here is my verdict: " + content + " I hope this helps.",
                    FakeAnswerStyle.BracesInStrings => content + "\nNote: the format was {json}.",
                    _ => content,
                };
                if (_options.FencedAnswers)
                {
                    content = "```json\n" + content + "\n```";
                }

                reasoningContent = _options.ReasoningContent ? Thinking(contradiction) : null;
            }
        }

        var promptTokens = PromptWords(requestBody);
        var completionTokens = finishReason == "length" ? MaxOutputTokens(requestBody) : FakeModel.CountTokens(content ?? string.Empty) + _options.ReasoningTokens;
        if (fault is not ("malformed" or "truncated") && !_options.OmitUsage)
        {
            response.HttpContext.Items[UsageKey] = (promptTokens, completionTokens);
        }

        var answer = new JsonObject
        {
            ["id"] = "chatcmpl-fake-" + Interlocked.Read(ref _sequence).ToString(CultureInfo.InvariantCulture),
            ["object"] = "chat.completion",
            ["created"] = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = Message(content, reasoningContent),
                ["finish_reason"] = finishReason,
            }),
        };
        if (!_options.OmitUsage)
        {
            answer["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            };
            if (_options.ReasoningTokens > 0)
            {
                // As OpenAI sends it: the reasoning is part of completion_tokens, detailed apart.
                ((JsonObject)answer["usage"]!)["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = Math.Min(_options.ReasoningTokens, completionTokens) };
            }
        }

        var bytes = Encoding.UTF8.GetBytes(fault == "malformed" ? "{\"id\": \"chatcmpl-broken\", \"choices\": [ <html>oops" : answer.ToJsonString());
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = bytes.Length;
        var length = fault == "truncated" ? bytes.Length / 2 : bytes.Length;
        await response.Body.WriteAsync(bytes.AsMemory(0, length)).ConfigureAwait(false);
        await response.Body.FlushAsync().ConfigureAwait(false);
    }

    private TimeSpan Now() => _options.TimeProvider.GetElapsedTime(_started);

    private static string Verdict(bool contradiction, string? reasoning = null) => new JsonObject
    {
        ["contradiction"] = contradiction,
        ["confidence"] = FakeModel.Confidence(contradiction),
        ["reasoning"] = reasoning ?? (contradiction ? "exactly one statement is negated" : "no negation difference"),
    }.ToJsonString();

    /// <summary>A reasoning model's thinking: braces, and a draft of the JSON with the opposite verdict, which a client must
    /// never take for the answer.</summary>
    private static string Thinking(bool contradiction) =>
        "The user wants a JSON object. Sets {a, b} and {c}: a brace } here, { there. A first draft: "
        + Verdict(!contradiction, "draft") + " Hmm, no, let me check again.";

    private static JsonObject Message(string? content, string? reasoningContent)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
        if (reasoningContent is not null)
        {
            message["reasoning_content"] = reasoningContent;
        }

        return message;
    }

    /// <summary>The output limit the request asked for (<c>max_completion_tokens</c> or the older <c>max_tokens</c>); 16 when none.</summary>
    private static int MaxOutputTokens(string requestBody)
    {
        using var document = JsonDocument.Parse(requestBody);
        var root = document.RootElement;
        return root.TryGetProperty("max_completion_tokens", out var limit) || root.TryGetProperty("max_tokens", out limit)
            ? limit.GetInt32()
            : 16;
    }

    /// <summary>Prompt "tokens" of the fake model: the words of every message's content.</summary>
    public static int PromptWords(string requestBody)
    {
        using var document = JsonDocument.Parse(requestBody);
        return document.RootElement.GetProperty("messages").EnumerateArray()
            .Sum(m => FakeModel.CountTokens(m.GetProperty("content").ToString()));
    }

    private static (string Model, string First, string Second) ReadRequest(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var model = root.TryGetProperty("model", out var m) ? m.GetString() ?? string.Empty : string.Empty;
        var user = root.GetProperty("messages").EnumerateArray()
            .LastOrDefault(message => message.GetProperty("role").GetString() == "user");
        var text = user.ValueKind == JsonValueKind.Object ? user.GetProperty("content").ToString() : string.Empty;
        var firstAt = text.IndexOf(FirstPrefix, StringComparison.Ordinal);
        var secondAt = text.IndexOf(SecondPrefix, StringComparison.Ordinal);
        return firstAt < 0 || secondAt < firstAt
            ? (model, text, string.Empty)
            : (model, text[(firstAt + FirstPrefix.Length)..secondAt], text[(secondAt + SecondPrefix.Length)..]);
    }

    /// <summary>The 400 bodies of the <c>400-*</c> faults, as providers send them: OpenAI's for a reasoning model asked
    /// with a temperature and with <c>max_tokens</c>, and Azure OpenAI's (older API versions, no <c>param</c>) for a
    /// <c>json_schema</c> response format; the last one in vLLM's error shape (the error's fields at the top level, no
    /// <c>param</c>), its message made up. <c>400-messages</c> refuses no setting of the judge (OpenAI's body for a bad message).</summary>
    public static IReadOnlyDictionary<string, string> RefusedParameterBodies { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["400-temperature"] = """{"error": {"message": "Unsupported value: 'temperature' does not support 0.1 with this model. Only the default (1) value is supported.", "type": "invalid_request_error", "param": "temperature", "code": "unsupported_value"}}""",
        ["400-max_tokens"] = """{"error": {"message": "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", "type": "invalid_request_error", "param": "max_tokens", "code": "unsupported_parameter"}}""",
        ["400-response_format"] = """{"error": {"code": "BadRequest", "message": "response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later"}}""",
        ["400-messages"] = """{"error": {"message": "Invalid type for 'messages[1].content'.", "type": "invalid_request_error", "param": "messages[1].content", "code": "invalid_type"}}""",
        ["400-response_format-top-level"] = """{"object": "error", "message": "This server does not support the 'json_schema' response format.", "type": "BadRequestError", "param": null, "code": 400}""",
    };

    private static async Task WriteErrorAsync(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = code, ["code"] = code },
        }.ToJsonString();
        await response.WriteAsync(body).ConfigureAwait(false);
    }

    /// <summary>Tasks that complete when a count (of arrivals, of answers) reaches a target. Callers hold the server's lock.</summary>
    private sealed class CountSignals
    {
        private readonly List<(int Target, TaskCompletionSource Signal)> _waiting = [];

        public Task WhenReached(int current, int target)
        {
            if (current >= target)
            {
                return Task.CompletedTask;
            }

            // Continuations run elsewhere so a test's code never runs inside the server's lock.
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((target, signal));
            return signal.Task;
        }

        public void Release(int current)
        {
            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (_waiting[i].Target <= current)
                {
                    _waiting[i].Signal.TrySetResult();
                    _waiting.RemoveAt(i);
                }
            }
        }
    }
}
