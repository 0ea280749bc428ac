namespace Kimera.Statistics.RunComparisons;

/// <summary>
/// When run B counts as a regression from run A (<c>kimera compare --fail-on-regression</c>). For each judge compared,
/// with Δ = metric(B) − metric(A) on the labelled pairs both runs judged, B regresses on that judge when both hold:
/// <list type="number">
/// <item>the metric's paired test (accuracy: exact McNemar; F1: paired bootstrap; AUROC: DeLong), Holm-adjusted across
/// the judges compared, gives p &lt; <see cref="Alpha"/>: the difference is real, not chance, even counting every judge
/// looked at;</item>
/// <item>the upper end of the paired bootstrap interval of Δ at level 1 − <see cref="Alpha"/> is below
/// −<see cref="Margin"/>: B is worse by more than the margin (a one-sided test at α/2 of "Δ ≥ −margin").</item>
/// </list>
/// The run regresses when any judge does. A judge whose p-value or interval cannot be computed (no pairs, one class for
/// AUROC) is not a regression: nothing shows it worse.
/// </summary>
/// <param name="Alpha">Significance level, in (0, 1).</param>
/// <param name="Margin">How much worse B may be before it counts, in the metric's units (0.02 = two points of accuracy); 0 or more.</param>
public sealed record RegressionRule(ComparedMetric Metric, double Alpha = 0.05, double Margin = 0)
{
    public void Validate()
    {
        if (!(Alpha > 0 && Alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must lie strictly between 0 and 1.");
        }

        if (!(Margin >= 0 && Margin < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Margin), Margin, "The margin must be at least 0 and below 1.");
        }
    }
}
