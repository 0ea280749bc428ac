using Kimera.Pipeline.Model;

namespace Kimera.Orchestration.Contracts;

/// <summary>Input of the ProcessChunk activity: the run, the (small) plan, the chunk's index and its share of the LLM limits.</summary>
/// <param name="LlmShare">This chunk's requests and tokens per minute; <c>null</c> when the plan has no LLM judge.</param>
public sealed record ChunkInput(string RunId, RunPlan Plan, int Index, LlmRateLimits? LlmShare);
