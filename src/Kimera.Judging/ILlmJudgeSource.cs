using Kimera.Judging.Definitions;

namespace Kimera.Judging;

/// <summary>Builds LLM judges for the <see cref="JudgeCatalog"/>. <c>Kimera.Llm</c> implements it, so Core needs no LLM SDK.</summary>
public interface ILlmJudgeSource
{
    /// <summary>Whatever changes <paramref name="judge"/>'s answers (endpoint, model, prompt version, temperature, repeats),
    /// formatted the same on every machine: part of the run fingerprint.</summary>
    string ResultSalt(JudgeDefinition judge);

    /// <summary>Problems only the LLM side can see: an unknown prompt version, an API key variable that is not set.</summary>
    IReadOnlyList<string> Problems(JudgeDefinition judge);

    /// <summary>New judges for <paramref name="judges"/>, in order, held to <paramref name="share"/>: judges on one endpoint
    /// share that endpoint's rate limits; judge <c>i</c> may spend <paramref name="budgetFractions"/>[i] of the share's budget.</summary>
    LlmJudgeGroup Create(IReadOnlyList<JudgeDefinition> judges, IReadOnlyList<decimal> budgetFractions, LlmShare share);
}
