using Kimera.Statistics;

namespace Kimera.TestSupport.Statistics;

/// <summary>
/// Hand-made results whose figures are worked out by hand in the tests: pair i is labelled a contradiction when i is even
/// (half of the pairs), and each judge is wrong exactly on the pairs listed for it, right elsewhere, with score 0.8 for a
/// "contradiction" verdict and 0.2 otherwise. A judge wrong on fn contradictions and fp non-contradictions out of P and N
/// then has accuracy 1 − (fn + fp)/(P + N) and AUROC ½(1 + TPR − FPR) (two score values, ties count half).
/// </summary>
public static class HandMadeJudges
{
    /// <summary>Rows of <paramref name="pairs"/> pairs; <paramref name="wrong"/>[j] lists the pairs judge j gets wrong.</summary>
    public static List<PairOutcome> Rows(int pairs, params int[][] wrong) =>
        [.. Enumerable.Range(0, pairs).Select(i =>
        {
            var label = i % 2 == 0;
            return new PairOutcome(label, "en", "t", $"text {i}", $"other {i}", [.. wrong.Select(w => Verdict(w.Contains(i) ? !label : label))]);
        })];

    /// <summary>Wrong on pairs 0 and 1 of 20: accuracy 0.9, F1 0.9, AUROC 0.9.</summary>
    public static readonly int[] A = [0, 1];

    /// <summary>Wrong on pairs 0–4 of 20 (3 missed, 2 false alarms): accuracy 0.75, F1 14/19, AUROC 0.75.</summary>
    public static readonly int[] B = [0, 1, 2, 3, 4];

    /// <summary>Wrong on pairs 0–9 of 20 (5 missed, 5 false alarms): accuracy 0.5, F1 0.5, AUROC 0.5.</summary>
    public static readonly int[] C = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

    /// <summary>C's three repeats: the first as C; the second also wrong on 10 and 11 (accuracy 0.4); the third right on 0
    /// (accuracy 0.55). Their majority is C; pairs 0, 10 and 11 flip.</summary>
    public static readonly int[][] CRepeats = [C, [.. C, 10, 11], [.. C.Skip(1)]];

    public static JudgeOutcome Verdict(bool pred) => new(pred, pred ? 0.8 : 0.2);
}
