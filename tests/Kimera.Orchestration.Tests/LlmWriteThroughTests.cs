using Kimera.Judging;
using Kimera.Llm;

namespace Kimera.Orchestration.Tests;

public sealed class LlmWriteThroughTests
{
    [Fact]
    public void A_chunk_judge_caches_each_verdict_as_it_arrives()
    {
        // At-least-once activities: a chunk killed mid-judging runs again, and must not pay again for what it had been answered.
        var configured = new LlmJudgeOptions { CacheWriteBatchSize = 100 };

        var chunk = LlmJudgeSource.WithShare(configured, new LlmShare(5, 30_000, 0.25m));

        Assert.Equal(1, chunk.CacheWriteBatchSize);
        Assert.Equal(100, configured.CacheWriteBatchSize);
    }
}
