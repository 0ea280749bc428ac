using System.Globalization;
using System.Net;
using System.Text;
using Kimera.Reporting.Model;
using Kimera.Statistics;

namespace Kimera.Functions.Reporting;

/// <summary>A plain HTML page of a run's headline numbers, made from the typed <c>report.json</c> (<see cref="RunReport"/>,
/// read with the options the pipeline writes it with) when the run's store holds no <c>report.html</c>. Every value is
/// HTML-encoded: dataset names come from uploaders.</summary>
public static class ReportSummaryHtml
{
    /// <summary>The columns of the judges' table: the report.json names of the metrics, and each judge's value.</summary>
    private static readonly (string Name, Func<JudgeStatistics, string> Value)[] Metrics =
    [
        ("accuracy", j => Number(j.Accuracy)),
        ("precision", j => Number(j.Precision)),
        ("recall", j => Number(j.Recall)),
        ("f1", j => Number(j.F1)),
        ("auroc", j => Number(j.Auroc)),
        ("average_precision", j => Number(j.AveragePrecision)),
        ("errors", j => j.Errors.ToString(CultureInfo.InvariantCulture)),
    ];

    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var run = report.Run;
        var statistics = report.Statistics;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Kimera Bench: ")
            .Append(Encode(run.Dataset)).Append("</title></head>\n<body>\n<h1>Kimera Bench report</h1>\n<p>Dataset <strong>")
            .Append(Encode(run.Dataset)).Append("</strong>: ").Append(run.Pairs.ToString(CultureInfo.InvariantCulture)).Append(" pairs, ")
            .Append(statistics.Labelled.ToString(CultureInfo.InvariantCulture)).Append(" labelled, in ").Append(run.Chunks.ToString(CultureInfo.InvariantCulture)).Append(" chunks.</p>\n");
        if (statistics.Message is { } message)
        {
            html.Append("<p>").Append(Encode(message)).Append("</p>\n");
        }

        html.Append("<table>\n<tr><th>judge</th>");
        foreach (var (name, _) in Metrics)
        {
            html.Append("<th>").Append(name).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var (name, judge) in statistics.Judges)
        {
            html.Append("<tr><td>").Append(Encode(name)).Append("</td>");
            foreach (var (_, value) in Metrics)
            {
                html.Append("<td>").Append(Encode(value(judge))).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Four decimals for fractions; "n/a" where the metric is undefined. A whole value is shown as a whole number,
    /// as report.json writes it (1, not 1.0000) and as this page showed it when it read the JSON text.</summary>
    internal static string Number(double? value) => value switch
    {
        null => "n/a",
        { } whole when double.IsInteger(whole) && Math.Abs(whole) < 1e15 => ((long)whole).ToString(CultureInfo.InvariantCulture),
        { } real => real.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
