namespace Kimera.Llm;

/// <summary>What <see cref="LlmJudge.PreflightAsync"/> found out about the endpoint before the fan-out.</summary>
/// <param name="Sent">Whether the request went out; <c>false</c> when every planned pair was answered from the cache.</param>
/// <param name="Failure">Why the endpoint cannot serve the run (it names the endpoint, the model and the cause); <c>null</c> when it answered.</param>
public sealed record LlmPreflightResult(bool Sent, string? Failure)
{
    public bool Failed => Failure is not null;
}
