namespace Kimera.Statistics.RunComparisons;

/// <summary>A metric two runs are compared on, each with its paired test: accuracy (exact McNemar), F1 (paired bootstrap),
/// AUROC (DeLong).</summary>
public enum ComparedMetric
{
    Accuracy,
    F1,
    Auroc,
}
