using Kimera.Statistics.CrossValidation;
using Kimera.Statistics.Sweeps;

namespace Kimera.Statistics;

/// <summary>Settings of the statistics computation (bootstrap, confidence level, cross-validation, buckets).</summary>
public sealed class StatisticsOptions
{
    /// <summary>Bootstrap resamples for the confidence intervals; 0 turns the intervals off.</summary>
    public int BootstrapResamples { get; set; } = 2000;

    /// <summary>Confidence level of every interval (bootstrap, Wilson, DeLong), in (0, 1).</summary>
    public double ConfidenceLevel { get; set; } = 0.95;

    /// <summary>Seed of the bootstrap and of the fold shuffle; the same seed gives the same numbers.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Threads for the bootstrap; null = all cores. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; set; }

    /// <summary>Folds of the stratified cross-validation of the decision threshold (at least 2).</summary>
    public int Folds { get; set; } = 5;

    /// <summary>What the cross-validated threshold maximises on the training folds.</summary>
    public ThresholdObjective ThresholdObjective { get; set; } = ThresholdObjective.F1;

    /// <summary>Shuffle each class (seeded) before dealing it round-robin into folds; false keeps row order.</summary>
    public bool ShuffleFolds { get; set; } = true;

    /// <summary>Number of quantile buckets of the pair length in the error analysis (at least 1).</summary>
    public int LengthBuckets { get; set; } = 4;

    /// <summary>Inner edges of the lexical-overlap (Jaccard) buckets: [0, e1), [e1, e2), …, [ek, 1].</summary>
    public IReadOnlyList<double> OverlapBucketEdges { get; set; } = [0.2, 0.5];

    /// <summary>Drop collinear ROC points as scikit-learn's <c>drop_intermediate=True</c> does (AUROC is unaffected).</summary>
    public bool DropIntermediateRocPoints { get; set; } = true;

    /// <summary>At most this many points per curve in the result (evenly thinned, ends kept); AUROC/AP use every point.</summary>
    public int MaxCurvePoints { get; set; } = 1000;

    internal void Validate()
    {
        if (BootstrapResamples < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), BootstrapResamples, "Bootstrap resamples must be 0 or more.");
        }

        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, "Confidence level must lie strictly between 0 and 1.");
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Parallelism must be at least 1.");
        }

        if (Folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Folds), Folds, "Cross-validation needs at least 2 folds.");
        }

        if (LengthBuckets < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LengthBuckets), LengthBuckets, "Length buckets must be at least 1.");
        }

        if (MaxCurvePoints < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCurvePoints), MaxCurvePoints, "Curves need at least 2 points.");
        }

        ArgumentNullException.ThrowIfNull(OverlapBucketEdges);
        for (var i = 0; i < OverlapBucketEdges.Count; i++)
        {
            var edge = OverlapBucketEdges[i];
            if (!(edge > 0 && edge < 1) || (i > 0 && edge <= OverlapBucketEdges[i - 1]))
            {
                throw new ArgumentOutOfRangeException(nameof(OverlapBucketEdges), edge, "Overlap edges must increase strictly inside (0, 1).");
            }
        }
    }

    /// <summary>The swept option when the run is a sweep (<c>kimera run --sweep</c>); <c>null</c> otherwise.</summary>
    public SweepAxis? Sweep { get; set; }
}
