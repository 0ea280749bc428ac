using System.Globalization;
using System.Text;
using Kimera.Reporting.Charts;
using Kimera.Reporting.Examples;
using Kimera.Reporting.Model;
using Kimera.Statistics;

namespace Kimera.Reporting;

/// <summary>
/// The page being written, shared by every section: what it is rendered from (the statistics, their source, for a run the
/// whole typed <see cref="RunReport"/>, and the example pairs), the HTML written so far, and what every section draws
/// alike (each judge's colour, line style and swatch, the confidence level).
/// </summary>
internal sealed class ReportPage
{
    /// <summary>The first six colours are the two-judge report's; the rest only appear with more judges.</summary>
    public static readonly string[] Palette = ["#1f6fb4", "#d9601a", "#2a9d4b", "#8e44ad", "#b8860b", "#c0392b", "#17becf", "#7f7f7f", "#e377c2", "#556b2f"];

    private readonly List<string> _judges;

    public ReportPage(StatisticsResult statistics, string source, RunReport? run, ReportExamples? examples)
    {
        Statistics = statistics;
        Source = source;
        Run = run;
        Examples = examples;
        _judges = [.. statistics.Judges.Keys];
    }

    public StatisticsResult Statistics { get; }

    /// <summary>What the statistics were computed from: the dataset of a run, the results file of <c>kimera analyze</c>.</summary>
    public string Source { get; }

    /// <summary>The whole report of a run; null for statistics alone (no reactor, throughput or dataset sections).</summary>
    public RunReport? Run { get; }

    public ReportExamples? Examples { get; }

    /// <summary>The judges in the statistics' order, which fixes their colours.</summary>
    public IReadOnlyList<string> Judges => _judges;

    /// <summary>The HTML written so far; each section appends to it.</summary>
    public StringBuilder Output { get; } = new();

    public string Color(string judge) => Palette[Math.Max(0, _judges.IndexOf(judge)) % Palette.Length];

    /// <summary>With more than two judges, each curve also gets its own dash and marker (two curves are told apart by colour).</summary>
    public LineStyle? Style(string judge) => _judges.Count > 2 ? LineStyle.Of(Math.Max(0, _judges.IndexOf(judge))) : null;

    public string Swatch(string judge) => $"<span class=\"swatch\" style=\"background:{Color(judge)}\"></span>";

    /// <summary>The confidence level as a percentage ("95%").</summary>
    public string Level() => (Statistics.Settings.ConfidenceLevel * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
