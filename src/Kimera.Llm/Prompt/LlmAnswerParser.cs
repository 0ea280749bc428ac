using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Kimera.Judging;

namespace Kimera.Llm.Prompt;

/// <summary>Reads the model's answer: a JSON object <c>{"contradiction", "confidence", "reasoning"}</c>, possibly
/// inside a ```json fence or after a sentence of prose. Anything else is rejected, never guessed.</summary>
public static class LlmAnswerParser
{
    public static bool TryParse(string? content, [NotNullWhen(true)] out Judgement? judgement, [NotNullWhen(false)] out string? problem)
    {
        judgement = null;
        if (string.IsNullOrWhiteSpace(content))
        {
            problem = "empty answer";
            return false;
        }

        var json = ExtractJsonObject(content);
        if (json is null)
        {
            problem = "no JSON object in the answer";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            // The extracted text starts with '{', so a successful parse is an object.
            var root = document.RootElement;
            if (!root.TryGetProperty("contradiction", out var verdict) || verdict.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
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
        catch (JsonException e)
        {
            problem = "invalid JSON: " + e.Message;
            return false;
        }
    }

    /// <summary>The text from the first <c>{</c> to the last <c>}</c>: covers a bare object, a ```json fence
    /// and a sentence before or after the object, which models add despite the instruction.</summary>
    private static string? ExtractJsonObject(string content)
    {
        var start = content.IndexOf('{', StringComparison.Ordinal);
        var end = content.LastIndexOf('}');
        return start >= 0 && end > start ? content[start..(end + 1)] : null;
    }
}
