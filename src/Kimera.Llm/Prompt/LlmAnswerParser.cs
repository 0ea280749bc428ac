using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Kimera.Judging;

namespace Kimera.Llm.Prompt;

/// <summary>Reads the model's answer: a JSON object <c>{"contradiction", "confidence", "reasoning"}</c>, bare, inside a
/// ``` fence (```json or bare) or with prose around it, after a leading <c>&lt;think&gt;…&lt;/think&gt;</c> block
/// (reasoning models served by Ollama and the like), which is dropped first. Anything else is rejected, never guessed.</summary>
public static class LlmAnswerParser
{
    /// <summary>The property an object must have to be taken for the answer (see <see cref="FindAnswer"/>).</summary>
    private const string VerdictProperty = "contradiction";

    private const string ThinkOpen = "<think>";
    private const string ThinkClose = "</think>";

    public static bool TryParse(string? content, [NotNullWhen(true)] out Judgement? judgement, [NotNullWhen(false)] out string? problem)
    {
        judgement = null;
        if (string.IsNullOrWhiteSpace(content))
        {
            problem = "empty answer";
            return false;
        }

        if (!TryDropThinking(content, out var answer))
        {
            problem = "the answer ends inside its <think> block";
            return false;
        }

        if (string.IsNullOrWhiteSpace(answer))
        {
            problem = "empty answer after the <think> block";
            return false;
        }

        var found = FindAnswer(answer, out problem);
        if (found is null)
        {
            problem ??= "no JSON object in the answer";
            return false;
        }

        using (found)
        {
            var root = found.RootElement;
            if (!root.TryGetProperty(VerdictProperty, out var verdict) || verdict.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problem = "\"contradiction\" is missing or not a boolean";
                return false;
            }

            if (!root.TryGetProperty("confidence", out var confidenceElement)
                || confidenceElement.ValueKind != JsonValueKind.Number
                || !confidenceElement.TryGetDouble(out var confidence)
                || confidence is < 0 or > 1 || double.IsNaN(confidence))
            {
                problem = "\"confidence\" is missing or not a number from 0 to 1";
                return false;
            }

            string? reasoning = root.TryGetProperty("reasoning", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            judgement = new Judgement(verdict.GetBoolean(), confidence, reasoning);
            problem = null;
            return true;
        }
    }

    /// <summary>The answer without a leading <c>&lt;think&gt;…&lt;/think&gt;</c> block (DeepSeek-R1, Qwen3 and other reasoning
    /// models through Ollama, llama.cpp or vLLM without a reasoning parser). The thinking may hold anything, braces and
    /// drafts of the JSON included, so it is cut off before the answer is looked at. A lone <c>&lt;/think&gt;</c> with no
    /// opening tag ends thinking too: some chat templates put <c>&lt;think&gt;</c> in the prompt, so the model's output
    /// starts inside it. <c>false</c> when the thinking is never closed (nothing after it is the answer).</summary>
    private static bool TryDropThinking(string content, out string answer)
    {
        var trimmed = content.AsSpan().TrimStart();
        if (trimmed.StartsWith(ThinkOpen, StringComparison.OrdinalIgnoreCase))
        {
            var end = trimmed.IndexOf(ThinkClose, StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                answer = string.Empty;
                return false;
            }

            answer = trimmed[(end + ThinkClose.Length)..].ToString();
            return true;
        }

        var close = content.IndexOf(ThinkClose, StringComparison.OrdinalIgnoreCase);
        var open = content.IndexOf(ThinkOpen, StringComparison.OrdinalIgnoreCase);
        answer = close >= 0 && (open < 0 || open > close) ? content[(close + ThinkClose.Length)..] : content;
        return true;
    }

    /// <summary>The JSON object that is the answer: the first complete object with a <c>"contradiction"</c> property, found
    /// by parsing from each <c>{</c> in turn, so a brace in prose, in a fence's language tag or inside a JSON string
    /// (<c>"reasoning": "set {a} vs }"</c>) never shifts it. Failing that, the first complete object (its missing property is
    /// then the problem). A second object with a <c>"contradiction"</c> that disagrees with the first makes the answer
    /// ambiguous: rejected. <c>null</c> (with the problem) when no object parses.</summary>
    /// <remarks>No hand-written scanner: <see cref="Utf8JsonReader"/> started at a <c>{</c> with
    /// <see cref="JsonReaderOptions.AllowMultipleValues"/> reads exactly one value and stops at its end, whatever follows
    /// (a closing fence, prose), and it already knows strings, escapes and nesting. Trying each <c>{</c> is quadratic in
    /// the worst case, but answers are a few hundred tokens and most candidates fail on their first token. The search
    /// runs on UTF-8 bytes: <c>{</c> (0x7B) never occurs inside a multi-byte character.</remarks>
    private static JsonDocument? FindAnswer(string answer, out string? problem)
    {
        var bytes = Encoding.UTF8.GetBytes(answer);
        JsonDocument? firstObject = null;
        JsonDocument? verdictObject = null;
        string? firstError = null;
        var start = 0;
        while (start < bytes.Length && Array.IndexOf(bytes, (byte)'{', start) is var at and >= 0)
        {
            var document = TryReadObject(bytes.AsSpan(at), out var length, out var error);
            if (document is null)
            {
                firstError ??= error;
                start = at + 1;
                continue;
            }

            if (document.RootElement.TryGetProperty(VerdictProperty, out var verdict))
            {
                if (verdictObject is null)
                {
                    verdictObject = document;
                }
                else
                {
                    var disagree = !JsonElement.DeepEquals(verdict, verdictObject.RootElement.GetProperty(VerdictProperty));
                    document.Dispose();
                    if (disagree)
                    {
                        verdictObject.Dispose();
                        firstObject?.Dispose();
                        problem = "the answer holds two JSON objects that disagree";
                        return null;
                    }
                }

                // Past this object: its nested objects are part of it.
                start = at + length;
                continue;
            }

            if (firstObject is null)
            {
                firstObject = document;
            }
            else
            {
                document.Dispose();
            }

            // An object without the verdict may wrap one ({"answer": {...}}): look inside it too.
            start = at + 1;
        }

        if (verdictObject is not null)
        {
            firstObject?.Dispose();
            problem = null;
            return verdictObject;
        }

        problem = firstObject is not null ? null
            : firstError is not null ? "invalid JSON: " + firstError
            : "no JSON object in the answer";
        return firstObject;
    }

    /// <summary>The object that starts at <paramref name="utf8"/>[0], and its length in bytes; <c>null</c> with the reader's
    /// error when it is not one complete JSON object.</summary>
    private static JsonDocument? TryReadObject(ReadOnlySpan<byte> utf8, out int length, out string? error)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            var document = JsonDocument.ParseValue(ref reader);
            length = (int)reader.BytesConsumed;
            error = null;
            return document;
        }
        catch (JsonException e)
        {
            length = 0;
            error = e.Message;
            return null;
        }
    }
}
