using Kimera.Datasets;
using Kimera.Judging;

namespace Kimera.Pipeline.Model;

/// <summary>One row of <c>pairs.csv</c>: a planned pair, its resonance and every judge's judgement.</summary>
/// <param name="Judgements">One per judge, in the run's judge order.</param>
public sealed record PairResult(BenchmarkPair Pair, double? Resonance, IReadOnlyList<Judgement> Judgements);
