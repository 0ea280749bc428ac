using Kimera.Llm;
using Kimera.Orchestration.Contracts;

namespace Kimera.Orchestration.Judges;

/// <summary>Builds an LLM judge held to one chunk's share of the provider's limits.</summary>
public interface ILlmJudgeFactory
{
    /// <summary>Model, prompt version and temperature: whatever changes the LLM's answers (part of the run fingerprint).</summary>
    string ResultSalt { get; }

    /// <summary>A new judge with its own rate buckets sized to <paramref name="share"/> and
    /// <paramref name="fractionOfRun"/> of the configured budget; the caller disposes it.</summary>
    /// <param name="fractionOfRun">The chunk's pairs over the run's (0 to 1]: its part of <see cref="LlmJudgeOptions.BudgetUsd"/>.</param>
    LlmJudge Create(LlmRateLimits share, decimal fractionOfRun);
}
