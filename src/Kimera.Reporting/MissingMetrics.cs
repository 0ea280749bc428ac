using Kimera.Statistics;

namespace Kimera.Reporting;

/// <summary>Why a judge's metric cannot be computed, one sentence per reason, so that no empty or dashed value is left
/// unexplained: no labelled pair judged, or labelled pairs of one class only (or no score) for the AUROC. Shared by the
/// terminal summary (marker <c>n/a</c>) and report.html (marker <c>–</c>).</summary>
public static class MissingMetrics
{
    /// <summary>"n/a for llm: no labelled pair has a verdict from it, so no metric can be computed", or
    /// "n/a for the AUROC of kimera: its labelled pairs are all of one class (or have no score)".</summary>
    public static IEnumerable<string> Notes(IEnumerable<KeyValuePair<string, JudgeStatistics>> judges, string marker)
    {
        ArgumentNullException.ThrowIfNull(judges);
        ArgumentNullException.ThrowIfNull(marker);
        foreach (var (name, judge) in judges)
        {
            if (judge.Evaluated == 0)
            {
                yield return $"{marker} for {name}: no labelled pair has a verdict from it, so no metric can be computed";
            }
            else if (judge.Auroc is null)
            {
                yield return $"{marker} for the AUROC of {name}: its labelled pairs are all of one class (or have no score)";
            }
        }
    }
}
