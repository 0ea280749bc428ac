namespace Kimera.Llm.Prompt;

/// <summary>The endpoint answered, but not with the JSON object the prompt asks for.</summary>
internal sealed class UnparsableAnswerException(string problem) : Exception("unparsable answer: " + problem)
{
    public string Problem { get; } = problem;
}
