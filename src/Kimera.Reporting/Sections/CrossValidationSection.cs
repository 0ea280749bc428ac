using System.Globalization;
using Kimera.Statistics.CrossValidation;
using static Kimera.Reporting.Cells;

namespace Kimera.Reporting.Sections;

/// <summary>The decision threshold on each score chosen by stratified cross-validation, with its test-fold metrics.</summary>
internal sealed class CrossValidationSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var statistics = page.Statistics;
        if (statistics.CrossValidation.Count == 0)
        {
            return;
        }

        var html = page.Output;
        var first = statistics.CrossValidation[0];
        html.Append("<section id=\"cross-validation\"><h2>Cross-validated decision threshold</h2><p>")
            .Append(Html.Text($"Stratified {statistics.Settings.Folds.ToString(CultureInfo.InvariantCulture)}-fold cross-validation: the threshold on each score is chosen on the training folds to maximise {ObjectiveName(first.Objective)}, then applied to the held-out fold. Test-fold metrics, mean ± sd over folds:"))
            .Append("</p><table><thead><tr><th>score</th><th>threshold</th><th>accuracy</th><th>precision</th><th>recall</th><th>F1</th><th>folds</th></tr></thead><tbody>");
        foreach (var cv in statistics.CrossValidation)
        {
            html.Append("<tr><th scope=\"row\">").Append(Html.Text(cv.Score)).Append("</th>")
                .Append(Cell(MeanSd(cv.Threshold)))
                .Append(Cell(MeanSd(cv.Accuracy)))
                .Append(Cell(MeanSd(cv.Precision)))
                .Append(Cell(MeanSd(cv.Recall)))
                .Append(Cell(MeanSd(cv.F1)))
                .Append(Cell(cv.Folds.Count.ToString(CultureInfo.InvariantCulture)))
                .Append("</tr>");
        }

        html.Append("</tbody></table><details><summary>Every fold</summary><table><thead><tr><th>score</th><th>fold</th><th>test pairs</th><th>threshold</th><th>accuracy</th><th>precision</th><th>recall</th><th>F1</th></tr></thead><tbody>");
        foreach (var cv in statistics.CrossValidation)
        {
            foreach (var f in cv.Folds)
            {
                html.Append("<tr><td>").Append(Html.Text(cv.Score)).Append("</td>")
                    .Append(Cell(f.Fold.ToString(CultureInfo.InvariantCulture)))
                    .Append(Cell(Fmt.Count(f.TestPairs)))
                    .Append(Cell(Fmt.Number(f.Threshold, "0.0000")))
                    .Append(Cell(Fmt.Metric(f.Accuracy)))
                    .Append(Cell(Fmt.Metric(f.Precision)))
                    .Append(Cell(Fmt.Metric(f.Recall)))
                    .Append(Cell(Fmt.Metric(f.F1)))
                    .Append("</tr>");
            }
        }

        html.Append("</tbody></table></details><p class=\"note\"><em>resonance</em> is Kimera's raw resonance score, when the results carry it.</p></section>\n");
    }

    private static string MeanSd(MeanSd value) => value.Sd is { } sd
        ? $"{Fmt.Metric(value.Mean)} ± {Fmt.Metric(sd)}"
        : Fmt.Metric(value.Mean);

    private static string ObjectiveName(string objective) => objective switch
    {
        "f1" => "F1",
        "youden_j" => "Youden's J",
        _ => objective,
    };
}
