using Kimera.Pipeline.Artifacts;
using Kimera.Statistics.RunComparisons;

namespace Kimera.Pipeline.RunComparisons;

/// <summary>Two runs' rows matched by pair id (<see cref="RunMatcher"/>).</summary>
/// <param name="Pairs">The pairs both runs have, in run A's row order, as the statistics take them.</param>
/// <param name="RowsA">Run A's row of each matched pair (same order as <paramref name="Pairs"/>).</param>
/// <param name="RowsB">Run B's row of each matched pair.</param>
/// <param name="OnlyInA">Pair ids only run A has, in its row order.</param>
/// <param name="OnlyInB">Pair ids only run B has, in its row order.</param>
public sealed record MatchedRuns(
    IReadOnlyList<MatchedPair> Pairs,
    IReadOnlyList<ResultRow> RowsA,
    IReadOnlyList<ResultRow> RowsB,
    IReadOnlyList<string> OnlyInA,
    IReadOnlyList<string> OnlyInB);
