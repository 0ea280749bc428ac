using Kimera.Datasets;

namespace Kimera.Reporting.Model;

/// <summary>The dataset section of a run's report: shape, counts and every bad row (stored as <c>dataset.json</c> by Plan).</summary>
public sealed record DatasetReport(
    string Source,
    string Shape,
    IReadOnlyList<string> Columns,
    long RowsRead,
    long GoodRows,
    long BadRows,
    long PairsBuilt,
    long Positives,
    long Negatives,
    long Unlabelled,
    long NegativesShort,
    long UnpairedTexts,
    bool StoppedAtMaxPairs,
    IReadOnlyDictionary<string, long> RowLanguages,
    IReadOnlyDictionary<string, long> PairLanguages,
    IReadOnlyList<string> UnknownPartnerIds,
    IReadOnlyList<DatasetProblem> Problems)
{
    public static DatasetReport From(DatasetSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new DatasetReport(
            summary.Source,
            summary.Shape.ToString().ToLowerInvariant(),
            summary.Columns,
            summary.RowsRead,
            summary.GoodRows,
            summary.BadRows,
            summary.PairsBuilt,
            summary.Positives,
            summary.Negatives,
            summary.Unlabelled,
            summary.NegativesShort,
            summary.UnpairedTexts,
            summary.StoppedAtMaxPairs,
            new SortedDictionary<string, long>(summary.RowLanguages.ToDictionary(), StringComparer.Ordinal),
            new SortedDictionary<string, long>(summary.PairLanguages.ToDictionary(), StringComparer.Ordinal),
            summary.UnknownPartnerIds.ToArray(),
            summary.Problems.ToArray());
    }
}
