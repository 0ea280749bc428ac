namespace Kimera.Statistics.RunComparisons;

/// <summary>One pair present in both runs (matched by pair id, with the same texts), with every judge's outcome in each.</summary>
/// <param name="Label">True = contradiction; null when unlabelled (such a pair counts only among the changed verdicts).</param>
/// <param name="A">Run A's outcomes, in run A's judge order.</param>
/// <param name="B">Run B's outcomes, in run B's judge order.</param>
public sealed record MatchedPair(string PairId, bool? Label, IReadOnlyList<JudgeOutcome> A, IReadOnlyList<JudgeOutcome> B);
