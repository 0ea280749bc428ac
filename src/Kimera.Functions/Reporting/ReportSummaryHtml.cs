using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Kimera.Functions.Reporting;

/// <summary>A plain HTML page of a run's headline numbers, made from <c>report.json</c> when the run's store holds no
/// <c>report.html</c>. Every value is HTML-encoded: dataset names come from uploaders.</summary>
public static class ReportSummaryHtml
{
    private static readonly string[] Metrics = ["accuracy", "precision", "recall", "f1", "auroc", "average_precision", "errors"];

    public static string Render(JsonNode report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var run = report["run"];
        var statistics = report["statistics"];
        var html = new StringBuilder();
        var dataset = Text(run?["dataset"]);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Kimera Bench: ")
            .Append(Encode(dataset)).Append("</title></head>\n<body>\n<h1>Kimera Bench report</h1>\n<p>Dataset <strong>")
            .Append(Encode(dataset)).Append("</strong>: ").Append(Encode(Text(run?["pairs"]))).Append(" pairs, ")
            .Append(Encode(Text(statistics?["labelled"]))).Append(" labelled, in ").Append(Encode(Text(run?["chunks"]))).Append(" chunks.</p>\n");
        if (statistics?["message"] is JsonValue message)
        {
            html.Append("<p>").Append(Encode(message.ToString())).Append("</p>\n");
        }

        html.Append("<table>\n<tr><th>judge</th>");
        foreach (var metric in Metrics)
        {
            html.Append("<th>").Append(metric).Append("</th>");
        }

        html.Append("</tr>\n");
        if (statistics?["judges"] is JsonObject judges)
        {
            foreach (var (name, values) in judges)
            {
                html.Append("<tr><td>").Append(Encode(name)).Append("</td>");
                foreach (var metric in Metrics)
                {
                    html.Append("<td>").Append(Encode(Number(values?[metric]))).Append("</td>");
                }

                html.Append("</tr>\n");
            }
        }

        html.Append("</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Text(JsonNode? node) => node?.ToString() ?? "";

    /// <summary>Four decimals for fractions, as written; "n/a" where the metric is undefined.</summary>
    private static string Number(JsonNode? node) => node switch
    {
        null => "n/a",
        JsonValue value when value.TryGetValue<long>(out var whole) => whole.ToString(CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue<double>(out var real) => real.ToString("0.0000", CultureInfo.InvariantCulture),
        _ => node.ToString(),
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
