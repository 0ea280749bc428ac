
namespace Kimera.Reporting.Model;

/// <summary>Where a run's time went. Kept apart from the results: timings differ between identical runs.</summary>
public sealed record RunTimings
{
    public double PlanSeconds { get; init; }

    public double ProcessSeconds { get; init; }

    public double AggregateSeconds { get; init; }

    public double TotalSeconds { get; init; }

    /// <summary>Chunks taken from an earlier, interrupted run of the same plan.</summary>
    public int ChunksReused { get; init; }

    /// <summary>Pairs processed in this session (reused chunks excluded).</summary>
    public long PairsProcessed { get; init; }

    public int Parallelism { get; init; }

    /// <summary>Pairs per second of the processing stage in this session.</summary>
    public double PairsPerSecond => ProcessSeconds <= 0 ? 0 : PairsProcessed / ProcessSeconds;

    /// <summary>Summed wall time of the chunks processed in this session, divided by their pairs.</summary>
    public double MillisecondsPerPairPerWorker { get; init; }
}
