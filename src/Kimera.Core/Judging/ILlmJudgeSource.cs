namespace Kimera.Judging;

/// <summary>Builds LLM judges for the <see cref="JudgeCatalog"/>. <c>Kimera.Llm</c> implements it, so Core needs no LLM SDK.</summary>
public interface ILlmJudgeSource
{
    /// <summary>Whatever changes the LLM's answers (endpoint, model, prompt version, temperature), formatted the same on
    /// every machine: part of the run fingerprint.</summary>
    string ResultSalt { get; }

    /// <summary>A new judge held to <paramref name="share"/>; the caller disposes it when it is <see cref="IDisposable"/>.</summary>
    IPairJudge Create(LlmShare share);
}
