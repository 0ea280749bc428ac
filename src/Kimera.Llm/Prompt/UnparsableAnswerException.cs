namespace Kimera.Llm.Prompt;

/// <summary>The endpoint answered, but not with the JSON object the prompt asks for.</summary>
/// <param name="problem">What is wrong with the answer, for the pair's error.</param>
/// <param name="malformedBody">The 200's body itself is not a chat completion (a proxy's page, a body cut off): a fault of the
/// transport rather than of the model, so it is retried as often as <see cref="LlmJudgeOptions.MaxParseAttempts"/> allows
/// whatever the temperature.</param>
internal sealed class UnparsableAnswerException(string problem, bool malformedBody = false) : Exception("unparsable answer: " + problem)
{
    public string Problem { get; } = problem;

    public bool MalformedBody { get; } = malformedBody;
}
