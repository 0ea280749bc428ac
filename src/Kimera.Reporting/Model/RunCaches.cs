
namespace Kimera.Reporting.Model;

/// <summary>Cache use of a run: embeddings always, LLM judgements when the LLM judge ran.</summary>
public sealed record RunCaches(CacheReport Embeddings, CacheReport? Judgements);
