using Kimera.Pipeline.Artifacts;
using Kimera.Reporting.RunComparisons;
using Kimera.Statistics;
using Kimera.Statistics.RunComparisons;

namespace Kimera.Pipeline.RunComparisons;

/// <summary>Compares two runs' results (<c>kimera compare</c>, and any later front end): reads both, matches their pairs,
/// runs <see cref="RunComparer"/> and adds the texts and reasons of the most typical changed pairs.</summary>
public static class RunComparisonBuilder
{
    /// <param name="judgeA">With <paramref name="judgeB"/>, the one judge of each run to compare; null = every judge both have.</param>
    public static async Task<RunComparisonReport> CompareAsync(
        string pathA, string pathB, StatisticsOptions options, RegressionRule? rule = null,
        string? judgeA = null, string? judgeB = null, int changedShown = RunComparer.DefaultChangedShown,
        CancellationToken cancellationToken = default)
    {
        var a = await RunResultsTable.ReadAsync(pathA, cancellationToken).ConfigureAwait(false);
        var b = await RunResultsTable.ReadAsync(pathB, cancellationToken).ConfigureAwait(false);
        return Compare(a, b, options, rule, judgeA, judgeB, changedShown);
    }

    /// <inheritdoc cref="CompareAsync"/>
    public static RunComparisonReport Compare(
        RunResultsTable a, RunResultsTable b, StatisticsOptions options, RegressionRule? rule = null,
        string? judgeA = null, string? judgeB = null, int changedShown = RunComparer.DefaultChangedShown)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var pairings = JudgePairings.Resolve(a, b, judgeA, judgeB);
        var matched = RunMatcher.Match(a, b);
        var comparison = RunComparer.Compare(matched.Pairs, pairings, options, rule, changedShown);
        var changed = comparison.Judges.Select((judge, j) => new ChangedPairs(
            judge.A, judge.B, [.. judge.Changed.MostTypical.Select(i => Changed(matched.RowsA[i], matched.RowsB[i], pairings[j]))])).ToArray();
        return new RunComparisonReport(
            a.Source, b.Source,
            new PairsInOneRun(matched.OnlyInA.Count, matched.OnlyInA),
            new PairsInOneRun(matched.OnlyInB.Count, matched.OnlyInB),
            comparison, changed);
    }

    private static ChangedPair Changed(ResultRow a, ResultRow b, JudgePairing pairing)
    {
        var judgeA = a.Judges[pairing.IndexA];
        var judgeB = b.Judges[pairing.IndexB];
        return new ChangedPair(
            a.PairId!, a.Text1 ?? b.Text1, a.Text2 ?? b.Text2, a.Label ?? b.Label,
            new ChangedVerdict(judgeA.Prediction!.Value, judgeA.Score, judgeA.Reasoning),
            new ChangedVerdict(judgeB.Prediction!.Value, judgeB.Score, judgeB.Reasoning));
    }
}
