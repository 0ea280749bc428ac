using Kimera.Statistics.RunComparisons;

namespace Kimera.Statistics.Tests.RunComparisons;

/// <summary>
/// Two runs of the same labelled pairs, built by hand: pair i is a contradiction when i is even; each judge of each run
/// is wrong exactly on the pairs listed for it, with score 0.8 for a "contradiction" verdict and 0.2 otherwise.
/// </summary>
internal static class TwoRuns
{
    public static IReadOnlyList<MatchedPair> Pairs(int count, int[][] wrongA, int[][] wrongB) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var label = i % 2 == 0;
            return new MatchedPair($"p{i:D2}", label, Outcomes(i, label, wrongA), Outcomes(i, label, wrongB));
        })];

    /// <summary>The judges at the same position of both runs, by the same names.</summary>
    public static IReadOnlyList<JudgePairing> SameJudges(params string[] names) =>
        [.. names.Select((n, i) => new JudgePairing(n, i, n, i))];

    public static StatisticsOptions Options(int resamples = 2000) => new() { BootstrapResamples = resamples, Seed = 7, MaxDegreeOfParallelism = 1 };

    private static JudgeOutcome[] Outcomes(int i, bool label, int[][] wrong) =>
        [.. wrong.Select(w =>
        {
            var pred = w.Contains(i) ? !label : label;
            return new JudgeOutcome(pred, pred ? 0.8 : 0.2);
        })];
}
