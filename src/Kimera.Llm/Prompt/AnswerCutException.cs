namespace Kimera.Llm.Prompt;

/// <summary>The model stopped at the output-token limit (<c>finish_reason: "length"</c>) before a complete answer, or sent no
/// answer text at all (<c>content: null</c>; a reasoning model whose thinking, in <c>reasoning_content</c>, used the whole
/// allowance). Asked again at the same limit it is cut again, so it is retried at most once.</summary>
/// <param name="limit">The output-token limit in force (<see cref="LlmJudgeOptions.MaxOutputTokens"/>).</param>
internal sealed class AnswerCutException(int limit) : Exception($"answer cut at the {limit}-token limit")
{
    public int Limit { get; } = limit;
}
