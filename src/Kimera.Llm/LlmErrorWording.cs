using System.ClientModel;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kimera.Llm.Prompt;
using Kimera.Llm.Resilience;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Kimera.Llm;

/// <summary>The user-facing wording of everything that can go wrong with the LLM endpoint: a pair's error, a retry's
/// reason in the log, the preflight's verdict. One place, so that the report's error column groups by cause and the
/// API key is scrubbed from every message the same way.</summary>
internal sealed partial class LlmErrorWording(LlmJudgeOptions options)
{
    /// <summary>What <paramref name="exception"/> means for the user, with the attempts of <paramref name="work"/> when
    /// given (and <paramref name="attemptsNote"/> beside them); <c>"no answer"</c> when there is no exception.</summary>
    public string Describe(Exception? exception, PairWork? work = null, string? attemptsNote = null)
    {
        var text = exception switch
        {
            null => "no answer",
            JudgeUnavailableException e => LlmJudge.UnavailablePrefix + e.Cause,
            ClientResultException { Status: 0 } e => Transport(e.InnerException ?? e),
            HttpRequestException e => Transport(e),
            ClientResultException e => HttpStatus(e),
            UnparsableAnswerException e => "unparsable answer: " + e.Problem,
            AnswerCutException e => AnswerCut(e.Limit),
            TimeoutRejectedException e => $"no answer within {e.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s",
            BrokenCircuitException => "circuit breaker open",
            _ => exception.GetType().Name + ": " + FirstLine(exception.Message),
        };
        if (work is not null)
        {
            text += $" (after {work.Attempts} attempt{(work.Attempts == 1 ? string.Empty : "s")}{attemptsNote})";
        }

        // Server messages may quote the key back (OpenAI's 401 does, partly masked): never pass it on.
        return string.IsNullOrEmpty(options.ApiKey) ? text : text.Replace(options.ApiKey, "***", StringComparison.Ordinal);
    }

    /// <summary>The settings that raise the output-token limit, named wherever a cut answer is reported (a pair's error, the
    /// preflight's refusal): the option of <c>kimera run</c>, and the environment variable, which is also the serverless
    /// app's app setting (a judge file's <c>maxOutputTokens</c> sets it per judge).</summary>
    public const string OutputLimitSetting = "--llm-max-output-tokens or Kimera__Llm__MaxOutputTokens";

    /// <summary>The cause of an answer cut at the output-token limit, with the setting that raises it. The setting is outside
    /// parentheses so that the report's error causes, which drop parenthesised particulars, keep it.</summary>
    public static string AnswerCut(int limit) =>
        Invariant($"answer cut at the {limit}-token limit; raise {OutputLimitSetting}");

    /// <summary>The problem of an answer whose 200 body is not the chat-completion JSON.</summary>
    public static string MalformedBody(JsonException exception) => "malformed response body (" + exception.Message + ")";

    /// <summary>The preflight's failure: which endpoint and model did not answer, and why.</summary>
    public string PreflightFailed(string cause) => Invariant(
        $"the LLM endpoint {options.Endpoint.GetLeftPart(UriPartial.Path)} (model {options.Model}) did not answer a test request: {cause}");

    /// <summary>The preflight's failure when the endpoint answered but the answer was cut at the output-token limit.</summary>
    public string PreflightAnswerCut() => Invariant(
        $"the LLM endpoint {options.Endpoint.GetLeftPart(UriPartial.Path)} (model {options.Model}) answered a test request, but the answer was cut at the {options.OutputTokenLimit}-token limit");

    /// <summary>What to do about a preflight answer cut at the limit (one sentence, no final period): the same setting in
    /// <c>kimera run</c> and the serverless app.</summary>
    public const string OutputLimitAdvice =
        "Raise " + OutputLimitSetting + ": a reasoning model spends output tokens on thinking before it answers, and may need a few thousand";

    /// <summary>The preflight's cause for a 401 or 403: the likely fix is the key.</summary>
    public string KeyRefused(ClientResultException exception) =>
        Describe(exception) + ": the endpoint refused the API key; check OPENAI_API_KEY and that it belongs to this endpoint";

    /// <summary>The preflight's cause for a 404: the model or the path.</summary>
    public string NoSuchModel(ClientResultException exception) =>
        Describe(exception) + $": no model '{options.Model}' at this endpoint, or the endpoint path is wrong";

    /// <summary>The preflight's cause for a body that is not a chat completion: usually a base URL without <c>/v1/</c>.</summary>
    public static string NotAChatCompletion(JsonException exception) =>
        "the answer is not a chat completion (" + FirstLine(exception.Message) + "); is the endpoint an OpenAI-compatible /v1/ base URL?";

    /// <summary>A transport failure by kind: connection refused, DNS lookup failed, other connection errors.
    /// Where it happened (host:port) goes in parentheses, so that causes group by kind in the report.</summary>
    private static string Transport(Exception exception)
    {
        var http = exception as HttpRequestException ?? exception.InnerException as HttpRequestException;
        var message = FirstLine((http ?? exception).Message);
        var where = Where().Match(message) is { Success: true } m ? " (" + m.Groups[1].Value + ")" : string.Empty;
        var socket = FindSocketError(exception);
        return (http?.HttpRequestError, socket) switch
        {
            (_, SocketError.ConnectionRefused) => "connection refused" + where,
            (HttpRequestError.NameResolutionError, _) or (_, SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain) =>
                "DNS lookup failed (" + message + ")",
            (_, SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable) => "host unreachable (" + message + ")",
            (HttpRequestError.ConnectionError, _) => "connection failed (" + message + ")",
            _ => "transport error (" + message + ")",
        };
    }

    private static SocketError? FindSocketError(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }

    /// <summary>"HTTP 404 (the server's message)", the message cut to 200 characters.</summary>
    private static string HttpStatus(ClientResultException exception)
    {
        var message = ErrorBody(exception).Message;
        if (string.IsNullOrWhiteSpace(message))
        {
            return $"HTTP {exception.Status}";
        }

        message = FirstLine(message.Trim());
        return $"HTTP {exception.Status} ({Shorten(message, 200)})";
    }

    /// <summary>The <c>param</c> and <c>message</c> of an error body: OpenAI's and Ollama's <c>{"error": {"message", "param"}}</c>,
    /// an <c>{"error": "text"}</c>, or vLLM's top-level <c>{"object": "error", "message", "param"}</c>; nulls when the body is
    /// none of them.</summary>
    public static (string? Param, string? Message) ErrorBody(ClientResultException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        try
        {
            if (exception.GetRawResponse()?.Content is { } content && content.ToMemory().Length > 0)
            {
                using var document = JsonDocument.Parse(content.ToMemory());
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return (null, null);
                }

                var error = root.TryGetProperty("error", out var e) ? e : root;
                if (error.ValueKind != JsonValueKind.Object)
                {
                    return (null, error.ToString());
                }

                return (StringOf(error, "param"), StringOf(error, "message"));
            }
        }
        catch (JsonException)
        {
            // Not an error body in JSON: nothing to read.
        }
        catch (InvalidOperationException)
        {
            // The body was not buffered.
        }

        return (null, null);

        static string? StringOf(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>The preflight's failure when the endpoint refused the request itself (a 400): which endpoint and model, and why.</summary>
    public string PreflightRefused(string cause) => Invariant(
        $"the LLM endpoint {options.Endpoint.GetLeftPart(UriPartial.Path)} (model {options.Model}) refused a test request: {cause}");

    /// <summary>The preflight's failure when the endpoint answered, but not with the JSON verdict: the problem and what came
    /// back, on one line and shortened to <see cref="PreflightAnswerShown"/> characters.</summary>
    public string PreflightUnparsable(string problem, string? answer)
    {
        var shown = answer is null ? string.Empty : string.Join(' ', answer.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var text = Invariant(
            $"the LLM endpoint {options.Endpoint.GetLeftPart(UriPartial.Path)} (model {options.Model}) answered a test request, but not with the JSON verdict ({problem}): \"{Shorten(shown, PreflightAnswerShown)}\"");
        return string.IsNullOrEmpty(options.ApiKey) ? text : text.Replace(options.ApiKey, "***", StringComparison.Ordinal);
    }

    /// <summary>How much of an unparsable preflight answer its failure shows.</summary>
    public const int PreflightAnswerShown = 120;

    private static string Shorten(string text, int length) => text.Length > length ? text[..length] + "…" : text;

    [GeneratedRegex(@"\(([^()]*)\)\s*$")]
    private static partial Regex Where();

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
