namespace Kimera.Llm;

/// <summary>What <see cref="LlmJudge.PreflightAsync"/> found out about the endpoint before the fan-out.</summary>
/// <param name="Sent">Whether the request went out; <c>false</c> when every planned pair was answered from the cache.</param>
/// <param name="Failure">Why the endpoint cannot serve the run (it names the endpoint, the model and the cause); <c>null</c> when it answered.</param>
public sealed record LlmPreflightResult(bool Sent, string? Failure)
{
    public bool Failed => Failure is not null;

    /// <summary>The endpoint answered, but the answer was cut at the output-token limit (<c>finish_reason: "length"</c> or
    /// <c>content: null</c>): the fix is a higher limit, not the endpoint, model or key.</summary>
    public bool AnswerCut { get; init; }

    /// <summary>The endpoint answered, but not with the JSON verdict the prompt asks for: every pair would get such an answer.</summary>
    public bool AnswerUnparsable { get; init; }

    /// <summary>The request parameter the endpoint refused with a 400 (<c>temperature</c>, <c>max_tokens</c>,
    /// <c>response_format</c>, …), as <see cref="LlmPreRunWording.RejectedParameter"/> found it; <c>null</c> otherwise.</summary>
    public string? RejectedParameter { get; init; }
}
