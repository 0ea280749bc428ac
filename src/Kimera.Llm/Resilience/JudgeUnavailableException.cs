namespace Kimera.Llm.Resilience;

/// <summary>The endpoint has been failing for longer than <see cref="LlmJudgeOptions.UnavailableAfter"/>: the pair is
/// not asked and is recorded as <c>judge unavailable: {Cause}</c>.</summary>
internal sealed class JudgeUnavailableException(string cause) : Exception("judge unavailable: " + cause)
{
    public string Cause { get; } = cause;
}
