using Kimera.Llm;
using Kimera.Orchestration.Contracts;

namespace Kimera.Orchestration.Judges;

/// <summary>Builds an LLM judge held to one chunk's share of the provider's limits.</summary>
public interface ILlmJudgeFactory
{
    /// <summary>Model, prompt version and temperature: whatever changes the LLM's answers (part of the run fingerprint).</summary>
    string ResultSalt { get; }

    /// <summary>A new judge with its own rate buckets sized to <paramref name="share"/>; the caller disposes it.</summary>
    LlmJudge Create(LlmRateLimits share);
}
