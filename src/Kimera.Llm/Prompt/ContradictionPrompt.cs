namespace Kimera.Llm.Prompt;

/// <summary>The prompt sent for one pair (docs/algorithm.md, "The LLM judge"). Any change to its text must bump
/// <see cref="Version"/>: the version is part of the judgement cache key, so old answers are not reused.</summary>
public static class ContradictionPrompt
{
    public const string Version = "contradiction-v1";

    public const string SystemMessage =
        "You judge whether two statements contradict each other, that is, whether they cannot both be true. " +
        "The statements may be in different languages. " +
        "Answer with a single JSON object and nothing else: " +
        "{\"contradiction\": true or false, \"confidence\": a number from 0 to 1, \"reasoning\": \"one short sentence\"}.";

    /// <summary>Marks the two statements; the test server reads them back by these prefixes.</summary>
    public const string FirstPrefix = "Statement 1: ";

    public const string SecondPrefix = "Statement 2: ";

    /// <summary>The JSON schema for endpoints with structured output (strict mode needs every property required).</summary>
    public const string JsonSchema = """
        {
          "type": "object",
          "properties": {
            "contradiction": { "type": "boolean" },
            "confidence": { "type": "number" },
            "reasoning": { "type": "string" }
          },
          "required": ["contradiction", "confidence", "reasoning"],
          "additionalProperties": false
        }
        """;

    public const string JsonSchemaName = "contradiction_judgement";

    public static string UserMessage(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return FirstPrefix + first + "\n" + SecondPrefix + second;
    }
}
