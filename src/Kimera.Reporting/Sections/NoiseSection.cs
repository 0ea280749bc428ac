using System.Globalization;
using Kimera.Statistics;
using Kimera.Statistics.Noise;
using static Kimera.Reporting.Cells;

namespace Kimera.Reporting.Sections;

/// <summary>Judges asked each pair more than once: how much their verdicts move, and that noise beside the judges' differences;
/// judges asked each pair in both orders: how often the order alone changed the verdict (the order flip rate).</summary>
internal sealed class NoiseSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var noise = page.Statistics.Noise ?? new Dictionary<string, JudgeNoiseResult>();
        var orders = page.Statistics.OrderNoise ?? new Dictionary<string, JudgeNoiseResult>();
        if (noise.Count == 0 && orders.Count == 0)
        {
            return;
        }

        var html = page.Output;
        html.Append("<section id=\"noise\"><h2>Judge noise: the same pairs asked again</h2>");
        if (noise.Count > 0)
        {
            WriteRepeats(page, noise);
        }

        if (orders.Count > 0)
        {
            WriteOrders(page, orders);
        }

        html.Append("</section>\n");
    }

    /// <summary>The order flip rate of each judge asked in both orders, beside the repeat flip rate.</summary>
    private static void WriteOrders(ReportPage page, IReadOnlyDictionary<string, JudgeNoiseResult> orders)
    {
        var html = page.Output;
        html.Append("<h3>Position bias: each pair asked in both orders</h3><table class=\"orders\"><thead><tr><th>judge</th><th>pairs</th><th>flipped by the order</th><th>order flip rate</th><th>")
            .Append(Html.Text(page.Level())).Append(" Wilson interval</th><th>accuracy (text1, text2)</th><th>accuracy (text2, text1)</th></tr></thead><tbody>");
        foreach (var (name, n) in orders)
        {
            html.Append("<tr data-judge=\"").Append(Html.Attribute(name)).Append("\"><th scope=\"row\">").Append(page.Swatch(name)).Append(Html.Text(name)).Append("</th>")
                .Append(Cell(Fmt.Count(n.Pairs)))
                .Append(Cell(Fmt.Count(n.Flipped)))
                .Append(Cell(Fmt.Percent(n.FlipRate)))
                .Append(Cell(n.FlipRateCi is { Count: 2 } ci ? $"[{Fmt.Percent(ci[0])}, {Fmt.Percent(ci[1])}]" : Fmt.None))
                .Append(Cell(n.RepeatAccuracies.Count == 2 ? Fmt.Metric(n.RepeatAccuracies[0]) : Fmt.None))
                .Append(Cell(n.RepeatAccuracies.Count == 2 ? Fmt.Metric(n.RepeatAccuracies[1]) : Fmt.None))
                .Append("</tr>");
        }

        html.Append("</tbody></table><p class=\"note\">Contradiction is symmetric, so the order of the two texts should not matter. Each pair was asked as (text1, text2) and as (text2, text1); the judge's verdict above is the mean score of the answers of both orders (a contradiction above 0.5). <em>Flipped by the order</em>: pairs whose verdict differs between the two orders (pairs without a verdict in both are left out).</p>");
    }

    private static void WriteRepeats(ReportPage page, IReadOnlyDictionary<string, JudgeNoiseResult> noise)
    {
        var html = page.Output;
        html.Append("<table><thead><tr><th>judge</th><th>repeats</th><th>pairs</th><th>flipped</th><th>flip rate</th><th>")
            .Append(Html.Text(page.Level())).Append(" Wilson interval</th><th>Fleiss' κ across repeats</th><th>repeat accuracies</th><th>noise floor</th></tr></thead><tbody>");
        foreach (var (name, n) in noise)
        {
            html.Append("<tr data-judge=\"").Append(Html.Attribute(name)).Append("\"><th scope=\"row\">").Append(page.Swatch(name)).Append(Html.Text(name)).Append("</th>")
                .Append(Cell(n.Repeats.ToString(CultureInfo.InvariantCulture)))
                .Append(Cell(Fmt.Count(n.Pairs)))
                .Append(Cell(Fmt.Count(n.Flipped)))
                .Append(Cell(Fmt.Percent(n.FlipRate)))
                .Append(Cell(n.FlipRateCi is { Count: 2 } ci ? $"[{Fmt.Percent(ci[0])}, {Fmt.Percent(ci[1])}]" : Fmt.None))
                .Append(Cell(Fmt.Metric(n.Agreement?.Kappa)))
                .Append(Cell(n.RepeatAccuracies.Count == 0 ? Fmt.None : string.Join(" · ", n.RepeatAccuracies.Select(a => Fmt.Metric(a)))))
                .Append(Cell(Fmt.Metric(n.NoiseFloor)))
                .Append("</tr>");
        }

        html.Append("</tbody></table>");
        foreach (var (name, n) in noise)
        {
            if (NoiseSentence(page.Statistics, name, n) is { } sentence)
            {
                html.Append("<p class=\"noise-floor\">").Append(Html.Text(sentence)).Append("</p>");
            }
        }

        html.Append("<p class=\"note\">Each repeat asks the same judge the same pair again; the judge's own verdict above is the majority of its repeats. <em>Flipped</em>: pairs whose verdicts were not all the same (pairs without a verdict in every repeat are left out). <em>Noise floor</em>: the largest accuracy difference between two repeats of the same judge on the labelled pairs.</p>");
    }

    /// <summary>The noise floor beside the accuracy differences between judges: how many of them it covers.</summary>
    private static string? NoiseSentence(StatisticsResult statistics, string name, JudgeNoiseResult noise)
    {
        if (noise.NoiseFloor is not { } floor)
        {
            return null;
        }

        var accuracies = statistics.Judges.Where(j => j.Value.Accuracy is not null).Select(j => (j.Key, Value: j.Value.Accuracy!.Value)).ToList();
        var start = $"Re-asking {ReportVerdict.DisplayName(name)} the same pairs moved its accuracy by up to {Fmt.Metric(floor)} (its noise floor).";
        if (accuracies.Count < 2)
        {
            return start;
        }

        var differences = new List<double>();
        for (var a = 0; a < accuracies.Count; a++)
        {
            for (var b = a + 1; b < accuracies.Count; b++)
            {
                differences.Add(Math.Abs(accuracies[a].Value - accuracies[b].Value));
            }
        }

        var within = differences.Count(d => d <= floor + 1e-12);
        var best = accuracies.MaxBy(a => a.Value);
        var worst = accuracies.MinBy(a => a.Value);
        return differences.Count == 1
            ? $"{start} The two judges' accuracies differ by {Fmt.Metric(differences[0])}: {(within == 1 ? "no more than" : "more than")} re-asking {ReportVerdict.DisplayName(name)} alone changes."
            : $"{start} The judges' accuracies differ by up to {Fmt.Metric(best.Value - worst.Value)} ({ReportVerdict.DisplayName(best.Key)} against {ReportVerdict.DisplayName(worst.Key)}); {Fmt.Count(within)} of the {Fmt.Count(differences.Count)} differences between two judges {(within == 1 ? "is" : "are")} no larger than that noise floor.";
    }
}
