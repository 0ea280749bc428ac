using System.Globalization;
using Kimera.Datasets;
using Kimera.Reporting.Model;

namespace Kimera.Reporting;

/// <summary>
/// Bad rows in sight: when more than <see cref="ThresholdPercent"/>% of a dataset's rows are bad, the terminal summary and the
/// top of report.html show how many of each kind and the first <see cref="FirstShown"/> with their lines, not only a count
/// (the whole list stays in the report's dataset section and in report.json → <c>dataset.problems</c>). Warnings on kept rows
/// (<see cref="DatasetProblemKind.SelfPartner"/>, <see cref="DatasetProblemKind.BadPartner"/>) are not bad rows and are left out.
/// </summary>
public sealed class BadRowsDigest
{
    /// <summary>Bad rows up to this share of the rows read (in percent) keep the short count only.</summary>
    public const int ThresholdPercent = 1;

    /// <summary>How many bad rows are shown with their line and problem.</summary>
    public const int FirstShown = 3;

    private BadRowsDigest(DatasetReport dataset, IReadOnlyList<DatasetProblem> badRows)
    {
        BadRows = dataset.BadRows;
        RowsRead = dataset.RowsRead;
        ByKind = [.. badRows
            .GroupBy(p => p.Kind)
            .Select(g => new KindCount(g.Key, g.LongCount()))
            .OrderByDescending(k => k.Count)
            .ThenBy(k => k.Kind)];
        First = [.. badRows.Take(FirstShown)];
    }

    /// <summary>Rows left out, as the dataset counted them.</summary>
    public long BadRows { get; }

    /// <summary>Data rows read (good, bad and without a gold label).</summary>
    public long RowsRead { get; }

    /// <summary>Bad rows of each kind, the most frequent first (ties in the order of <see cref="DatasetProblemKind"/>).</summary>
    public IReadOnlyList<KindCount> ByKind { get; }

    /// <summary>The first <see cref="FirstShown"/> bad rows, in line order.</summary>
    public IReadOnlyList<DatasetProblem> First { get; }

    /// <summary>Bad rows beyond the ones shown.</summary>
    public long NotShown => Math.Max(0, BadRows - First.Count);

    /// <summary>True when more than <see cref="ThresholdPercent"/>% of the rows read are bad (exact, in integers).</summary>
    public static bool IsOverThreshold(long badRows, long rowsRead) => badRows * 100 > rowsRead * ThresholdPercent;

    /// <summary>The digest of <paramref name="dataset"/>'s bad rows, or null when they are at most <see cref="ThresholdPercent"/>%
    /// of the rows read (then the short count is enough).</summary>
    public static BadRowsDigest? Of(DatasetReport dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return IsOverThreshold(dataset.BadRows, dataset.RowsRead)
            ? new BadRowsDigest(dataset, [.. dataset.Problems.Where(p => p.RowSkipped)])
            : null;
    }

    /// <summary>"3 bad rows of 50 read (6.0%), by kind: MissingText 2, FieldCount 1".</summary>
    public string Headline()
    {
        var share = (double)BadRows / RowsRead;
        var kinds = string.Join(", ", ByKind.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Kind} {k.Count:N0}")));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{BadRows:N0} bad {(BadRows == 1 ? "row" : "rows")} of {RowsRead:N0} read ({Fmt.Percent(share)}), by kind: {kinds}");
    }

    /// <summary>"and 4 more bad rows", or null when every bad row is shown.</summary>
    public string? MoreText() =>
        NotShown == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"and {NotShown:N0} more bad {(NotShown == 1 ? "row" : "rows")}");

    /// <summary>A kind of problem and the bad rows it made.</summary>
    public sealed record KindCount(DatasetProblemKind Kind, long Count);
}
