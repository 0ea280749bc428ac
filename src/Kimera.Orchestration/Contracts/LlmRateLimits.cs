namespace Kimera.Orchestration.Contracts;

/// <summary>Requests and tokens per minute of the LLM provider: for the whole run (in <see cref="RunRequest"/>)
/// or one chunk's share of them (in <see cref="ChunkInput"/>); with the run's own LLM budget when it has one.</summary>
public sealed record LlmRateLimits(int RequestsPerMinute, int TokensPerMinute)
{
    /// <summary>The least tokens-per-minute a judge accepts (the LLM judge options validator's lower bound).</summary>
    public const int MinimumTokensPerMinute = 1_000;

    /// <summary>The least requests per minute a judge accepts (the LLM judge options validator's lower bound).</summary>
    public const int MinimumRequestsPerMinute = 2;

    /// <summary>In a chunk's share: how many chunks share the limits at once, so that a judge with limits of its own (a judge
    /// file's <c>requestsPerMinute</c>) takes the same part of them; 1 for the run's limits.</summary>
    public int ChunksInFlight { get; init; } = 1;

    /// <summary>The run's own LLM budget in USD (<c>budgetUsd</c> of <c>POST /api/runs</c>), which replaces the configured
    /// <c>Kimera:Llm:BudgetUsd</c> for this run; the same whole-run value in every chunk's share (each chunk takes its pairs'
    /// fraction of it). <c>null</c>: the configured budget, if any.</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>How many chunks may run at once so that each keeps a workable share: at most <paramref name="requested"/>
    /// and the chunk count, and never so many that a share falls below <see cref="MinimumRequestsPerMinute"/> requests or
    /// <see cref="MinimumTokensPerMinute"/> tokens.</summary>
    public int MaxChunksInFlight(int requested, int chunkCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requested, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(chunkCount);
        var window = Math.Min(requested, Math.Max(1, chunkCount));
        window = Math.Min(window, Math.Max(1, RequestsPerMinute / MinimumRequestsPerMinute));
        return Math.Min(window, Math.Max(1, TokensPerMinute / MinimumTokensPerMinute));
    }

    /// <summary>One chunk's share when <paramref name="chunksInFlight"/> chunks run at once: each limit divided and
    /// rounded down, so the shares never add up to more than the provider allows.</summary>
    public LlmRateLimits ShareOf(int chunksInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunksInFlight, 1);
        return new LlmRateLimits(Math.Max(MinimumRequestsPerMinute, RequestsPerMinute / chunksInFlight), Math.Max(1, TokensPerMinute / chunksInFlight))
        {
            ChunksInFlight = chunksInFlight,
            BudgetUsd = BudgetUsd,
        };
    }
}
