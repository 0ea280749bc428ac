using Kimera.Reporting.Examples;
using Kimera.Statistics;

namespace Kimera.Reporting.Model;

/// <summary><c>report.json</c>: what was run, the dataset, the statistics, the reactor, the judges' tallies, caches and timings.
/// Everything but <see cref="Timings"/> is identical for identical inputs, options and seed.</summary>
public sealed record RunReport
{
    public required RunInfo Run { get; init; }

    public required DatasetReport Dataset { get; init; }

    public required StatisticsResult Statistics { get; init; }

    /// <summary>Each judge's most typical mistakes and pairs where the judges disagree; null in reports written before it existed.</summary>
    public ReportExamples? Examples { get; init; }

    public required ReactorTally Reactor { get; init; }

    public required IReadOnlyDictionary<string, JudgeTally> Judges { get; init; }

    public required RunCaches Caches { get; init; }

    public required RunTimings Timings { get; init; }
}
