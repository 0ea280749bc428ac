using System.Text;
using Kimera.Reporting.Examples;
using Kimera.Reporting.Model;
using Kimera.Statistics;

namespace Kimera.Reporting;

/// <summary>
/// Renders <c>report.html</c>: one self-contained page (inline CSS and SVG charts, no script, no network) with the
/// answer to "is Kimera as good as the LLM?", metrics with intervals, curves, confusion matrices, cross-validation,
/// error analysis and, for a run, reactor, throughput and cost. Every text from the data is HTML-escaped.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>UTF-8 without BOM, as every other artifact.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The report of a whole run: statistics plus dataset, reactor, judge tallies, caches and timings.</summary>
    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return HtmlReportBuilder.Build(report.Statistics, report.Dataset.Source, report, report.Examples);
    }

    /// <summary>The report of statistics alone (<c>kimera analyze</c>): no reactor, timings or cost sections.</summary>
    /// <param name="source">What the statistics were computed from, shown in the title (e.g. the results file).</param>
    /// <param name="examples">Example pairs from the same results (<c>ExampleCollector</c> (Kimera.Pipeline)); null shows none.</param>
    public static string Render(StatisticsResult statistics, string source, ReportExamples? examples = null)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return HtmlReportBuilder.Build(statistics, source, null, examples);
    }

    /// <summary>Writes <paramref name="html"/> to <paramref name="stream"/> as UTF-8; the stream stays open.</summary>
    public static async Task WriteAsync(Stream stream, string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(html);
        await stream.WriteAsync(Encoding.GetBytes(html), cancellationToken).ConfigureAwait(false);
    }
}
