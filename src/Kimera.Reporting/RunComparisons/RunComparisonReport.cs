using System.Text.Json.Serialization;
using Kimera.Statistics.RunComparisons;

namespace Kimera.Reporting.RunComparisons;

/// <summary>
/// Everything <c>kimera compare A B</c> reports (its <c>--json</c> object and its HTML page): the two sources, how the
/// pairs matched, the statistics of each judge compared (<see cref="RunComparison"/>) and the most typical changed pairs.
/// </summary>
/// <param name="A">Run A's results table (the baseline).</param>
/// <param name="B">Run B's results table (the candidate).</param>
/// <param name="ChangedPairs">Per judge compared, in the order of <c>comparison.judges</c>.</param>
public sealed record RunComparisonReport(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("only_in_a")] PairsInOneRun OnlyInA,
    [property: JsonPropertyName("only_in_b")] PairsInOneRun OnlyInB,
    [property: JsonPropertyName("comparison")] RunComparison Comparison,
    [property: JsonPropertyName("changed_pairs")] IReadOnlyList<ChangedPairs> ChangedPairs);
