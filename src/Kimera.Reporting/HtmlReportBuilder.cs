using System.Globalization;
using System.Text;
using Kimera.Reporting.Charts;
using Kimera.Reporting.Examples;
using Kimera.Reporting.Model;
using Kimera.Statistics;
using Kimera.Statistics.CrossValidation;
using Kimera.Statistics.ErrorAnalysis;

namespace Kimera.Reporting;

/// <summary>Builds the HTML of one report; <see cref="HtmlReportWriter"/> is the public entry point.</summary>
internal sealed class HtmlReportBuilder
{
    // The first six colours are the two-judge report's; the rest only appear with more judges.
    private static readonly string[] Palette = ["#1f6fb4", "#d9601a", "#2a9d4b", "#8e44ad", "#b8860b", "#c0392b", "#17becf", "#7f7f7f", "#e377c2", "#556b2f"];

    private readonly StatisticsResult _statistics;
    private readonly string _source;
    private readonly RunReport? _run;
    private readonly ReportExamples? _examples;
    private readonly List<string> _judges;
    private readonly StringBuilder _html = new();

    public HtmlReportBuilder(StatisticsResult statistics, string source, RunReport? run, ReportExamples? examples)
    {
        _statistics = statistics;
        _source = source;
        _run = run;
        _examples = examples;
        _judges = [.. statistics.Judges.Keys];
    }

    public string Build()
    {
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Kimera Bench report — ").Append(Html.Text(_source)).Append("</title>\n")
            .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        Header();
        JudgeFailures();
        Summary();
        Ranking();
        Metrics();
        Noise();
        Sweep();
        PairwiseMatrix();
        Comparisons();
        Curves();
        Confusion();
        Mistakes();
        Disagreements();
        CrossValidation();
        ErrorAnalysis();
        if (_run is not null)
        {
            Reactor(_run);
            Throughput(_run);
            Dataset(_run.Dataset);
        }

        Settings();
        _html.Append("</main>\n</body>\n</html>\n");
        return _html.ToString();
    }

    private string Color(string judge) => Palette[Math.Max(0, _judges.IndexOf(judge)) % Palette.Length];

    /// <summary>With more than two judges, each curve also gets its own dash and marker (two curves are told apart by colour).</summary>
    private LineStyle? Style(string judge) => _judges.Count > 2 ? LineStyle.Of(Math.Max(0, _judges.IndexOf(judge))) : null;

    private void Header()
    {
        _html.Append("<header><h1>Kimera Bench report</h1><p class=\"source\">").Append(Html.Text(_source)).Append("</p><p class=\"meta\">");
        var facts = new List<string>
        {
            $"{Fmt.Count(_statistics.Pairs)} pairs",
            $"{Fmt.Count(_statistics.Labelled)} labelled",
            $"judges: {string.Join(", ", _judges)}",
        };
        if (_run is not null)
        {
            facts.Add($"dataset shape: {_run.Run.Shape}");
            facts.Add($"seed {_run.Run.Seed.ToString(CultureInfo.InvariantCulture)}");
            facts.Add($"plan {_run.Run.Fingerprint[..Math.Min(12, _run.Run.Fingerprint.Length)]}");
        }

        _html.Append(Html.Text(string.Join(" · ", facts))).Append("</p></header>\n");
    }

    /// <summary>At the top, before any number: each judge that could not judge some pairs, how many and why.</summary>
    private void JudgeFailures()
    {
        var failing = _statistics.Judges.Where(j => j.Value.Errors > 0).ToList();
        if (failing.Count == 0)
        {
            return;
        }

        _html.Append("<section id=\"judge-failures\">");
        foreach (var (name, j) in failing)
        {
            var all = j.Judged == 0;
            _html.Append("<div class=\"notice").Append(all ? " failed" : string.Empty).Append("\"><p><strong>")
                .Append(Html.Text(all
                    ? $"The {name} judge could not judge any of the {Fmt.Count(j.Errors)} pairs: its metrics below are empty."
                    : $"The {name} judge could not judge {Fmt.Count(j.Errors)} of {Fmt.Count(j.Errors + j.Judged)} pairs; its metrics use the rest."))
                .Append("</strong></p>");
            if (j.ErrorCauses.Count > 0)
            {
                _html.Append("<p>Most frequent causes:</p><ul class=\"causes\">");
                foreach (var cause in j.ErrorCauses)
                {
                    _html.Append("<li>").Append(Html.Text(cause.Cause)).Append(": ").Append(Fmt.Count(cause.Count)).Append(" pairs</li>");
                }

                var listed = j.ErrorCauses.Sum(c => c.Count);
                if (j.Errors > listed)
                {
                    _html.Append("<li>other causes: ").Append(Fmt.Count(j.Errors - listed)).Append(" pairs</li>");
                }

                _html.Append("</ul>");
            }

            _html.Append("</div>");
        }

        _html.Append("</section>\n");
    }

    private void Summary()
    {
        var verdict = ReportVerdict.Of(_statistics);
        _html.Append(_statistics.ManyJudges is null ? "<section id=\"summary\"><h2>Is Kimera as good as the LLM?</h2>" : "<section id=\"summary\"><h2>Which judges are as good as the best one?</h2>")
            .Append("<div class=\"verdict ").Append(verdict.Tone).Append("\"><p class=\"headline\">").Append(Html.Text(verdict.Headline)).Append("</p>");
        foreach (var detail in verdict.Details)
        {
            _html.Append("<p>").Append(Html.Text(detail)).Append("</p>");
        }

        _html.Append("</div>");
        foreach (var (name, judge) in _statistics.Judges)
        {
            if (InvertedRanking.Sentence(name, judge, _statistics.Settings.ConfidenceLevel) is { } inverted)
            {
                _html.Append("<p class=\"notice inverted\">").Append(Html.Text(inverted)).Append("</p>");
            }
        }

        if (_statistics.Message is { } message)
        {
            _html.Append("<p class=\"notice\">").Append(Html.Text(Capital(message))).Append(".</p>");
        }

        _html.Append("</section>\n");
    }

    private void Metrics()
    {
        var level = Level();
        _html.Append("<section id=\"metrics\"><h2>Metrics per judge</h2>");
        if (!_statistics.HasLabels)
        {
            _html.Append("<p class=\"notice\">No labels: accuracy, precision, recall, F1 and AUROC cannot be measured. Only the share of pairs each judge called a contradiction is shown.</p>");
        }

        _html.Append("<table><thead><tr><th>judge</th><th>accuracy</th><th>precision</th><th>recall</th><th>F1</th><th>macro F1</th><th>AUROC</th><th>avg. precision</th><th>evaluated</th><th>judged</th><th>errors</th><th>positive rate</th></tr></thead><tbody>");
        foreach (var (name, j) in _statistics.Judges)
        {
            _html.Append("<tr><th scope=\"row\">").Append(Swatch(name)).Append(Html.Text(name)).Append("</th>")
                .Append(CellCi(j.Accuracy, j.Ci?.Accuracy))
                .Append(Cell(Fmt.Metric(j.Precision)))
                .Append(Cell(Fmt.Metric(j.Recall)))
                .Append(CellCi(j.F1, j.Ci?.F1))
                .Append(Cell(Fmt.Metric(j.MacroF1)))
                .Append(CellCi(j.Auroc, j.Ci?.Auroc))
                .Append(Cell(Fmt.Metric(j.AveragePrecision)))
                .Append(Cell(Fmt.Count(j.Evaluated)))
                .Append(Cell(Fmt.Count(j.Judged)))
                .Append(Cell(Fmt.Count(j.Errors)))
                .Append(Cell(Fmt.Percent(j.PositiveRate)))
                .Append("</tr>");
        }

        _html.Append("</tbody></table><p class=\"note\">Brackets: ").Append(level).Append(' ')
            .Append(_statistics.Settings.BootstrapResamples > 0
                ? $"percentile bootstrap intervals ({Fmt.Count(_statistics.Settings.BootstrapResamples)} resamples, seed {_statistics.Settings.Seed.ToString(CultureInfo.InvariantCulture)})"
                : "intervals (bootstrap turned off: none computed)")
            .Append(". Metrics use the labelled pairs a judge gave a verdict on (<em>evaluated</em>); pairs it could not judge are its <em>errors</em> and are left out. <em>Positive rate</em>: share of judged pairs called a contradiction.</p></section>\n");
    }

    /// <summary>More than two judges: the judges ranked by accuracy and by AUROC, with intervals, from <c>many_judges</c>.</summary>
    private void Ranking()
    {
        if (_statistics.ManyJudges is not { } many)
        {
            return;
        }

        _html.Append("<section id=\"ranking\"><h2>Ranking of the judges</h2><div class=\"rankings\">");
        RankingTable("by-accuracy", "By accuracy", "accuracy", many.ByAccuracy, many.AsGoodAsBest);
        RankingTable("by-auroc", "By AUROC", "AUROC", many.ByAuroc, null);
        _html.Append("</div><p class=\"note\">Best first, ties by name; brackets: ").Append(Level())
            .Append(_statistics.Settings.BootstrapResamples > 0 ? " percentile bootstrap intervals" : " intervals (bootstrap turned off: none computed)")
            .Append(". <em>As good as the best</em>: McNemar's exact test against the most accurate judge, Holm-adjusted over every pair of judges, finds no difference at the ")
            .Append((100 - (_statistics.Settings.ConfidenceLevel * 100)).ToString("0.##", CultureInfo.InvariantCulture)).Append("% level. Judges without labelled verdicts (or scores) are not ranked.</p></section>\n");
    }

    private void RankingTable(string id, string title, string metric, IReadOnlyList<Statistics.ManyJudges.JudgeRank> ranks, IReadOnlyList<string>? asGoodAsBest)
    {
        _html.Append("<table class=\"ranking\" id=\"").Append(id).Append("\"><caption>").Append(Html.Text(title)).Append("</caption><thead><tr><th>rank</th><th>judge</th><th>")
            .Append(Html.Text(metric)).Append("</th><th>").Append(Html.Text(Level())).Append(" interval</th>")
            .Append(asGoodAsBest is null ? string.Empty : "<th>as good as the best</th>").Append("</tr></thead><tbody>");
        for (var i = 0; i < ranks.Count; i++)
        {
            var r = ranks[i];
            _html.Append("<tr data-judge=\"").Append(Html.Attribute(r.Judge)).Append("\"><td>").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("</td><th scope=\"row\">")
                .Append(Swatch(r.Judge)).Append(Html.Text(r.Judge)).Append("</th>")
                .Append(Cell(Fmt.Metric(r.Value)))
                .Append(Cell(r.Ci is { Count: 2 } ? Fmt.Interval(r.Ci) : Fmt.None));
            if (asGoodAsBest is not null)
            {
                _html.Append(Cell(i == 0 ? "best" : asGoodAsBest.Contains(r.Judge) ? "yes" : "no: less accurate"));
            }

            _html.Append("</tr>");
        }

        _html.Append("</tbody></table>");
    }

    /// <summary>Judges asked each pair more than once: how much their verdicts move, and that noise beside the judges' differences.</summary>
    private void Noise()
    {
        if (_statistics.Noise is not { Count: > 0 } noise)
        {
            return;
        }

        _html.Append("<section id=\"noise\"><h2>Judge noise: the same pairs asked again</h2><table><thead><tr><th>judge</th><th>repeats</th><th>pairs</th><th>flipped</th><th>flip rate</th><th>")
            .Append(Html.Text(Level())).Append(" Wilson interval</th><th>Fleiss' κ across repeats</th><th>repeat accuracies</th><th>noise floor</th></tr></thead><tbody>");
        foreach (var (name, n) in noise)
        {
            _html.Append("<tr data-judge=\"").Append(Html.Attribute(name)).Append("\"><th scope=\"row\">").Append(Swatch(name)).Append(Html.Text(name)).Append("</th>")
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

        _html.Append("</tbody></table>");
        foreach (var (name, n) in noise)
        {
            if (NoiseSentence(name, n) is { } sentence)
            {
                _html.Append("<p class=\"noise-floor\">").Append(Html.Text(sentence)).Append("</p>");
            }
        }

        _html.Append("<p class=\"note\">Each repeat asks the same judge the same pair again; the judge's own verdict above is the majority of its repeats. <em>Flipped</em>: pairs whose verdicts were not all the same (pairs without a verdict in every repeat are left out). <em>Noise floor</em>: the largest accuracy difference between two repeats of the same judge on the labelled pairs.</p></section>\n");
    }

    /// <summary>The noise floor beside the accuracy differences between judges: how many of them it covers.</summary>
    private string? NoiseSentence(string name, Statistics.Noise.JudgeNoiseResult noise)
    {
        if (noise.NoiseFloor is not { } floor)
        {
            return null;
        }

        var accuracies = _statistics.Judges.Where(j => j.Value.Accuracy is not null).Select(j => (j.Key, Value: j.Value.Accuracy!.Value)).ToList();
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

    /// <summary>A sweep run: accuracy, F1 and AUROC against the swept value, with their intervals, as a chart and a table.</summary>
    private void Sweep()
    {
        if (_statistics.Sweep is not { } sweep)
        {
            return;
        }

        var points = sweep.Points;
        double[] xs = [.. points.Select(p => p.Value)];
        List<SweepSeries> series =
        [
            new("accuracy", Palette[0], LineStyle.Of(0), [.. points.Select(p => p.Accuracy)], [.. points.Select(p => p.AccuracyCi)]),
            new("F1", Palette[1], LineStyle.Of(1), [.. points.Select(p => p.F1)], [.. points.Select(p => p.F1Ci)]),
            new("AUROC", Palette[2], LineStyle.Of(2), [.. points.Select(p => p.Auroc)], [.. points.Select(p => p.AurocCi)]),
        ];
        _html.Append("<section id=\"sweep\"><h2>").Append(Html.Text($"Sweep of {sweep.Parameter}")).Append("</h2><div class=\"charts\">")
            .Append(SvgChart.Sweep($"Accuracy, F1 and AUROC against {sweep.Parameter}", sweep.Parameter, "metric", xs, series))
            .Append("</div><table><thead><tr><th>").Append(Html.Text(sweep.Parameter)).Append("</th><th>judge</th><th>accuracy</th><th>F1</th><th>AUROC</th></tr></thead><tbody>");
        foreach (var p in points)
        {
            _html.Append("<tr><th scope=\"row\">").Append(Html.Text(p.Value.ToString("0.####", CultureInfo.InvariantCulture))).Append("</th>")
                .Append(Cell(p.Judge))
                .Append(CellCi(p.Accuracy, p.AccuracyCi))
                .Append(CellCi(p.F1, p.F1Ci))
                .Append(CellCi(p.Auroc, p.AurocCi))
                .Append("</tr>");
        }

        _html.Append("</tbody></table><p class=\"note\">Each value of the swept option is one Kimera variant of the same run (same pairs, same embeddings). Whiskers and shaded bands: ")
            .Append(Level()).Append(" bootstrap intervals.</p></section>\n");
    }

    /// <summary>More than two judges: every pair of judges as a heat map, one matrix per measure; each cell also states its value.</summary>
    private void PairwiseMatrix()
    {
        if (_statistics.ManyJudges is not { } many)
        {
            return;
        }

        var alpha = 1 - _statistics.Settings.ConfidenceLevel;
        // Rows and columns in ranking order (most accurate first), so neighbouring cells compare neighbouring judges.
        List<string> judges = [.. many.ByAccuracy.Select(r => r.Judge), .. _judges.Where(j => many.ByAccuracy.All(r => r.Judge != j))];
        _html.Append("<section id=\"pairwise\"><h2>Every pair of judges</h2><div class=\"matrices\">");
        Matrix("agreement", "Agreement and Cohen's κ", judges, (row, column) =>
        {
            var c = Comparison(row, column);
            if (c?.Agreement is not { } agreement)
            {
                return null;
            }

            return ($"{Fmt.Percent(agreement)}", $"κ {Fmt.Metric(c.CohenKappa)}", Shade("31,111,180", Math.Clamp(c.CohenKappa ?? 0, 0, 1)));
        });
        Matrix("mcnemar", "Accuracy: row − column, Holm-adjusted McNemar exact p", judges, (row, column) =>
        {
            var c = Comparison(row, column);
            var adjusted = Adjusted(many, row, column)?.McNemarExactPHolm;
            if (c?.McNemar is not { } m || c.LabelledPairs == 0)
            {
                return null;
            }

            var difference = (c.A == row ? m.B - m.C : m.C - m.B) / (double)c.LabelledPairs;
            return (Fmt.Number(difference, "+0.000;-0.000;0.000"), PText(adjusted, alpha), Significance(adjusted, alpha));
        });
        Matrix("delong", "AUROC: row − column, Holm-adjusted DeLong p", judges, (row, column) =>
        {
            var c = Comparison(row, column);
            var adjusted = Adjusted(many, row, column)?.DeLongPHolm;
            if (c?.DeLong is not { } d)
            {
                return null;
            }

            var difference = c.A == row ? d.AucA - d.AucB : d.AucB - d.AucA;
            return (Fmt.Number(difference, "+0.000;-0.000;0.000"), PText(adjusted, alpha), Significance(adjusted, alpha));
        });
        _html.Append("</div><p class=\"note\">")
            .Append(Html.Text($"Agreement and κ over the pairs both judges judged (darker: higher κ). Differences over the labelled pairs both judged (accuracy) or both scored (AUROC), row judge minus column judge; p-values Holm-adjusted over all {many.Pairwise.Count} pairs of judges, one family per test; * marks p < {alpha.ToString("0.##", CultureInfo.InvariantCulture)} (darker: smaller p)."))
            .Append("</p></section>\n");
    }

    private void Matrix(string id, string title, IReadOnlyList<string> judges, Func<string, string, (string Value, string Detail, string Background)?> cell)
    {
        _html.Append("<table class=\"heatmap\" id=\"matrix-").Append(id).Append("\"><caption>").Append(Html.Text(title)).Append("</caption><thead><tr><th></th>");
        foreach (var judge in judges)
        {
            _html.Append("<th scope=\"col\">").Append(Html.Text(judge)).Append("</th>");
        }

        _html.Append("</tr></thead><tbody>");
        foreach (var row in judges)
        {
            _html.Append("<tr><th scope=\"row\">").Append(Swatch(row)).Append(Html.Text(row)).Append("</th>");
            foreach (var column in judges)
            {
                if (row == column || cell(row, column) is not { } c)
                {
                    _html.Append("<td class=\"empty\">").Append(Fmt.None[0]).Append("</td>");
                    continue;
                }

                _html.Append("<td data-row=\"").Append(Html.Attribute(row)).Append("\" data-column=\"").Append(Html.Attribute(column)).Append("\" style=\"").Append(c.Background).Append("\">")
                    .Append(Html.Text(c.Value)).Append("<br><small>").Append(Html.Text(c.Detail)).Append("</small></td>");
            }

            _html.Append("</tr>");
        }

        _html.Append("</tbody></table>");
    }

    private Statistics.Comparisons.JudgeComparison? Comparison(string a, string b) =>
        _statistics.Comparisons.FirstOrDefault(c => (c.A == a && c.B == b) || (c.A == b && c.B == a));

    private static Statistics.ManyJudges.AdjustedComparison? Adjusted(Statistics.ManyJudges.ManyJudgesResult many, string a, string b) =>
        many.Pairwise.FirstOrDefault(c => (c.A == a && c.B == b) || (c.A == b && c.B == a));

    private static string PText(double? p, double alpha) => p is { } value ? $"p {Fmt.P(value)}{(value < alpha ? " *" : string.Empty)}" : $"p {Fmt.None}";

    /// <summary>Orange, darker as p falls (−log10 p, full at 10⁻⁴); a p of 1 stays white.</summary>
    private static string Significance(double? p, double alpha) =>
        p is not { } value ? string.Empty : Shade(value < alpha ? "217,96,26" : "138,147,163", Math.Clamp(-Math.Log10(Math.Max(value, 1e-300)) / 4, 0, 1));

    /// <summary>A cell background in the given colour at the given strength, with the text white on the darkest cells.</summary>
    private static string Shade(string rgb, double strength) =>
        string.Create(CultureInfo.InvariantCulture, $"background:rgba({rgb},{0.08 + (strength * 0.8):0.00});{(strength > 0.6 ? "color:#ffffff" : string.Empty)}");

    private void Comparisons()
    {
        if (_statistics.Comparisons.Count == 0)
        {
            return;
        }

        _html.Append("<section id=\"comparisons\"><h2>Judges compared on the same pairs</h2><h3>Verdicts: agreement and accuracy (McNemar)</h3><table><thead><tr>")
            .Append("<th>judges (a vs b)</th><th>pairs both judged</th><th>agreement</th><th>Cohen's κ</th><th>labelled</th><th>b / c</th><th>χ² (corrected)</th><th>p</th><th>exact p</th><th>Cohen's h</th><th>odds ratio b/c</th></tr></thead><tbody>");
        foreach (var c in _statistics.Comparisons)
        {
            _html.Append("<tr><th scope=\"row\">").Append(Html.Text($"{c.A} vs {c.B}")).Append("</th>")
                .Append(Cell(Fmt.Count(c.Pairs)))
                .Append(Cell(Fmt.Percent(c.Agreement)))
                .Append(Cell(Fmt.Metric(c.CohenKappa)))
                .Append(Cell(Fmt.Count(c.LabelledPairs)))
                .Append(Cell(c.McNemar is { } m ? $"{Fmt.Count(m.B)} / {Fmt.Count(m.C)}" : Fmt.None))
                .Append(Cell(Fmt.Number(c.McNemar?.Statistic, "0.000")))
                .Append(Cell(Fmt.P(c.McNemar?.PValue)))
                .Append(Cell(Fmt.P(c.McNemar?.ExactPValue)))
                .Append(Cell(Fmt.Number(c.EffectSizes?.CohenH, "0.000")))
                .Append(Cell(Fmt.Number(c.EffectSizes?.DiscordantOddsRatio, "0.000")))
                .Append("</tr>");
        }

        _html.Append("</tbody></table><h3>Scores: AUROC (DeLong)</h3><table><thead><tr><th>judges (a vs b)</th><th>AUROC a</th><th>AUROC b</th><th>a − b</th><th>CI of a − b</th><th>z</th><th>p</th><th>Cohen's d (scores)</th></tr></thead><tbody>");
        foreach (var c in _statistics.Comparisons)
        {
            var d = c.DeLong;
            _html.Append("<tr><th scope=\"row\">").Append(Html.Text($"{c.A} vs {c.B}")).Append("</th>")
                .Append(Cell(Fmt.Metric(d?.AucA)))
                .Append(Cell(Fmt.Metric(d?.AucB)))
                .Append(Cell(Fmt.Number(d is null ? null : d.AucA - d.AucB, "+0.000;-0.000;0.000")))
                .Append(Cell(d?.Ci is { } ci ? Fmt.Interval(ci) : Fmt.None))
                .Append(Cell(Fmt.Number(d?.Z, "0.000")))
                .Append(Cell(Fmt.P(d?.PValue)))
                .Append(Cell(Fmt.Number(c.EffectSizes?.CohenD, "0.000")))
                .Append("</tr>");
        }

        _html.Append("</tbody></table><p class=\"note\">McNemar: <em>b</em> = pairs judge a got right and judge b got wrong, <em>c</em> the reverse; χ² with continuity correction and the exact binomial p. ")
            .Append("DeLong compares the two AUROCs on the same labelled pairs. Agreement and κ use every pair both judged, labelled or not.</p></section>\n");
    }

    private void Curves()
    {
        var withCurves = _statistics.Judges.Where(j => j.Value.Curves is not null).ToList();
        _html.Append("<section id=\"curves\"><h2>ROC and precision-recall curves</h2>");
        if (withCurves.Count == 0)
        {
            _html.Append("<p class=\"notice\">").Append(_statistics.HasLabels ? "No judge has scores, so there are no curves." : "No labels, so there are no curves.").Append("</p></section>\n");
            return;
        }

        var roc = withCurves.Where(j => j.Value.Curves!.Roc is not null)
            .Select(j => new ChartSeries($"{j.Key} (AUROC {Fmt.Metric(j.Value.Auroc)})", Color(j.Key), "roc", j.Value.Curves!.Roc!.Fpr, j.Value.Curves.Roc.Tpr, Style: Style(j.Key)))
            .ToList();
        var pr = withCurves.Where(j => j.Value.Curves!.Pr is not null)
            .Select(j => new ChartSeries($"{j.Key} (AP {Fmt.Metric(j.Value.AveragePrecision)})", Color(j.Key), "pr", j.Value.Curves!.Pr!.Recall, j.Value.Curves.Pr.Precision, Step: true, Style: Style(j.Key)))
            .ToList();
        var prevalence = withCurves
            .Select(j => j.Value.Confusion)
            .Where(c => c is { Total: > 0 })
            .Select(c => (double)(c!.Tp + c.Fn) / c.Total)
            .FirstOrDefault(-1);

        _html.Append("<div class=\"charts\">")
            .Append(SvgChart.UnitSquare("ROC curve", "false positive rate", "true positive rate", roc, (0, 0, 1, 1, "chance"), legend: LegendPlace.BottomRight))
            .Append(SvgChart.UnitSquare(
                "Precision-recall curve", "recall", "precision", pr,
                prevalence >= 0 ? (0, prevalence, 1, prevalence, $"prevalence {Fmt.Metric(prevalence)}") : null,
                legend: LegendPlace.BottomLeft))
            .Append("</div><p class=\"note\">ROC points as scikit-learn's roc_curve (ties share a point); the precision-recall curve is drawn as steps, as average precision sums them.</p></section>\n");
    }

    private void Confusion()
    {
        if (!_statistics.HasLabels)
        {
            return;
        }

        _html.Append("<section id=\"confusion\"><h2>Confusion matrices</h2><div class=\"matrices\">");
        foreach (var (name, j) in _statistics.Judges)
        {
            if (j.Confusion is not { } m)
            {
                continue;
            }

            _html.Append("<table class=\"confusion\"><caption>").Append(Swatch(name)).Append(Html.Text(name)).Append("</caption>")
                .Append("<thead><tr><th></th><th>predicted contradiction</th><th>predicted not</th></tr></thead><tbody>")
                .Append("<tr><th scope=\"row\">contradiction</th><td class=\"ok\">").Append(Fmt.Count(m.Tp)).Append(" <small>TP</small></td><td class=\"bad\">").Append(Fmt.Count(m.Fn)).Append(" <small>FN</small></td></tr>")
                .Append("<tr><th scope=\"row\">not contradiction</th><td class=\"bad\">").Append(Fmt.Count(m.Fp)).Append(" <small>FP</small></td><td class=\"ok\">").Append(Fmt.Count(m.Tn)).Append(" <small>TN</small></td></tr>")
                .Append("</tbody></table>");
        }

        _html.Append("</div><p class=\"note\">Rows are the gold labels, columns the judge's verdicts.</p></section>\n");
    }

    /// <summary>Each judge's most typical mistakes (the rule is <c>ExampleCollector</c> (Kimera.Pipeline)'s, stated on the page).</summary>
    private void Mistakes()
    {
        var judges = _examples?.Mistakes.Where(m => m.MissedCount + m.FalseAlarmCount > 0).ToList() ?? [];
        if (judges.Count == 0)
        {
            return;
        }

        _html.Append("<section id=\"mistakes\"><h2>Typical mistakes</h2><p class=\"note\">")
            .Append(Html.Text($"For each judge, at most {_examples!.PerKind} of its most confident mistakes on labelled pairs. Missed contradictions: lowest score first, then highest resonance (the pair looked most alike), then pair id. False alarms: highest score first, then lowest resonance, then pair id."))
            .Append("</p>");
        foreach (var m in judges)
        {
            _html.Append("<div class=\"judge-mistakes\"><h3>").Append(Swatch(m.Judge)).Append(Html.Text(ReportVerdict.DisplayName(m.Judge))).Append("</h3>");
            MistakeTable(m.Judge, m.MissedContradictions, m.MissedCount, $"{Fmt.Count(m.MissedCount)} labelled contradiction(s) called compatible", "missed");
            MistakeTable(m.Judge, m.FalseAlarms, m.FalseAlarmCount, $"{Fmt.Count(m.FalseAlarmCount)} labelled non-contradiction(s) called contradictions", "false-alarms");
            _html.Append("</div>");
        }

        _html.Append("</section>\n");
    }

    private void MistakeTable(string judge, IReadOnlyList<ExamplePair> pairs, long count, string title, string kind)
    {
        if (count == 0)
        {
            return;
        }

        _html.Append("<table class=\"examples ").Append(kind).Append("\"><caption>").Append(Html.Text(pairs.Count < count ? $"{title}; the {pairs.Count} most typical:" : $"{title}:"))
            .Append("</caption><thead><tr><th>pair</th><th>text 1</th><th>text 2</th><th>score</th><th>resonance</th><th>reason</th></tr></thead><tbody>");
        foreach (var pair in pairs)
        {
            var verdict = pair.Verdicts.FirstOrDefault(v => v.Judge == judge);
            _html.Append("<tr><th scope=\"row\">").Append(Html.Text(PairName(pair))).Append("</th>")
                .Append(TextCell(pair.Text1)).Append(TextCell(pair.Text2))
                .Append(Cell(Fmt.Number(verdict?.Score, "0.000")))
                .Append(Cell(Fmt.Number(pair.Resonance, "0.000")))
                .Append(TextCell(verdict?.Reasoning))
                .Append("</tr>");
        }

        _html.Append("</tbody></table>");
    }

    /// <summary>A few pairs where the two judges disagree, with both verdicts, scores and reasons.</summary>
    private void Disagreements()
    {
        if (_examples?.Disagreements is not { } d || d.OnlyACount + d.OnlyBCount == 0)
        {
            return;
        }

        var (a, b) = (ReportVerdict.DisplayName(d.A), ReportVerdict.DisplayName(d.B));
        _html.Append("<section id=\"examples\"><h2>Examples: where the judges disagree</h2><p class=\"note\">")
            .Append(Html.Text($"Pairs both judges judged and answered differently ({Fmt.Count(d.OnlyACount + d.OnlyBCount)} in all), at most {_examples.PerKind} of each kind, widest gap between the two scores first, then pair id."))
            .Append("</p>");
        DisagreementTable(d, d.OnlyA, $"Only {a} called a contradiction ({PairCount(d.OnlyACount)})");
        DisagreementTable(d, d.OnlyB, $"Only {b} called a contradiction ({PairCount(d.OnlyBCount)})");
        _html.Append("</section>\n");
    }

    private void DisagreementTable(JudgeDisagreements d, IReadOnlyList<ExamplePair> pairs, string title)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        _html.Append("<table class=\"examples disagreements\"><caption>").Append(Html.Text(title)).Append("</caption><thead><tr><th>pair</th><th>text 1</th><th>text 2</th><th>label</th>");
        foreach (var judge in new[] { d.A, d.B })
        {
            _html.Append("<th>").Append(Swatch(judge)).Append(Html.Text(ReportVerdict.DisplayName(judge))).Append("</th>");
        }

        _html.Append("</tr></thead><tbody>");
        foreach (var pair in pairs)
        {
            _html.Append("<tr><th scope=\"row\">").Append(Html.Text(PairName(pair))).Append("</th>")
                .Append(TextCell(pair.Text1)).Append(TextCell(pair.Text2))
                .Append(Cell(pair.Label switch { true => "contradiction", false => "not", null => "unlabelled" }));
            foreach (var judge in new[] { d.A, d.B })
            {
                var v = pair.Verdicts.FirstOrDefault(x => x.Judge == judge);
                _html.Append("<td class=\"verdict-cell\">");
                if (v is not null)
                {
                    _html.Append("<strong>").Append(v.Contradiction ? "contradiction" : "no contradiction").Append("</strong> · score ")
                        .Append(Html.Text(Fmt.Number(v.Score, "0.000")));
                    if (!string.IsNullOrEmpty(v.Reasoning))
                    {
                        _html.Append("<br><small>").Append(Html.Text(Shorten(v.Reasoning))).Append("</small>");
                    }
                }

                _html.Append("</td>");
            }

            _html.Append("</tr>");
        }

        _html.Append("</tbody></table>");
    }

    private static string PairCount(long count) => count == 1 ? "1 pair" : $"{Fmt.Count(count)} pairs";

    private static string PairName(ExamplePair pair) => pair.PairId ?? $"row {pair.Row.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A free text from the data, escaped and cut to a readable length (the full text is in report.json).</summary>
    private static string TextCell(string? text) => $"<td class=\"text\" dir=\"auto\">{Html.Text(Shorten(text ?? string.Empty))}</td>";

    private static string Shorten(string text) => text.Length <= 280 ? text : string.Concat(text.AsSpan(0, 279), "…");

    private void CrossValidation()
    {
        if (_statistics.CrossValidation.Count == 0)
        {
            return;
        }

        var first = _statistics.CrossValidation[0];
        _html.Append("<section id=\"cross-validation\"><h2>Cross-validated decision threshold</h2><p>")
            .Append(Html.Text($"Stratified {_statistics.Settings.Folds.ToString(CultureInfo.InvariantCulture)}-fold cross-validation: the threshold on each score is chosen on the training folds to maximise {ObjectiveName(first.Objective)}, then applied to the held-out fold. Test-fold metrics, mean ± sd over folds:"))
            .Append("</p><table><thead><tr><th>score</th><th>threshold</th><th>accuracy</th><th>precision</th><th>recall</th><th>F1</th><th>folds</th></tr></thead><tbody>");
        foreach (var cv in _statistics.CrossValidation)
        {
            _html.Append("<tr><th scope=\"row\">").Append(Html.Text(cv.Score)).Append("</th>")
                .Append(Cell(MeanSd(cv.Threshold)))
                .Append(Cell(MeanSd(cv.Accuracy)))
                .Append(Cell(MeanSd(cv.Precision)))
                .Append(Cell(MeanSd(cv.Recall)))
                .Append(Cell(MeanSd(cv.F1)))
                .Append(Cell(cv.Folds.Count.ToString(CultureInfo.InvariantCulture)))
                .Append("</tr>");
        }

        _html.Append("</tbody></table><details><summary>Every fold</summary><table><thead><tr><th>score</th><th>fold</th><th>test pairs</th><th>threshold</th><th>accuracy</th><th>precision</th><th>recall</th><th>F1</th></tr></thead><tbody>");
        foreach (var cv in _statistics.CrossValidation)
        {
            foreach (var f in cv.Folds)
            {
                _html.Append("<tr><td>").Append(Html.Text(cv.Score)).Append("</td>")
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

        _html.Append("</tbody></table></details><p class=\"note\"><em>resonance</em> is Kimera's raw resonance score, when the results carry it.</p></section>\n");
    }

    private void ErrorAnalysis()
    {
        if (_statistics.ErrorAnalysis is not { } analysis || analysis.Judges.Count == 0)
        {
            return;
        }

        _html.Append("<section id=\"error-analysis\"><h2>Where the judges go wrong</h2><p>")
            .Append(Html.Text($"Accuracy on labelled pairs by group, with {Level()} {(analysis.Interval == "wilson" ? "Wilson score" : analysis.Interval)} intervals. Length is measured as {analysis.LengthMeasure} (quantile buckets); overlap is the Jaccard overlap of the two texts' words."))
            .Append("</p>");
        var dimensions = new (string Title, Func<JudgeErrorAnalysis, IReadOnlyList<ErrorAnalysisGroup>> Groups)[]
        {
            ("By length", e => e.Length),
            ("By language", e => e.Language),
            ("By pair type", e => e.PairType),
            ("By negation", e => e.Negation),
            ("By lexical overlap", e => e.Overlap),
        };
        var names = analysis.Judges.Keys.ToList();
        foreach (var (title, groupsOf) in dimensions)
        {
            var categories = new List<string>();
            foreach (var name in names)
            {
                categories.AddRange(groupsOf(analysis.Judges[name]).Select(g => g.Group).Where(g => !categories.Contains(g)));
            }

            if (categories.Count == 0)
            {
                continue;
            }

            var found = names.Select(n => groupsOf(analysis.Judges[n]).ToDictionary(g => g.Group)).ToList();
            _html.Append("<div class=\"analysis\"><h3>").Append(Html.Text(title)).Append("</h3><div class=\"analysis-body\"><table><thead><tr><th>group</th>");
            foreach (var name in names)
            {
                _html.Append("<th>").Append(Swatch(name)).Append(Html.Text(name)).Append("</th>");
            }

            _html.Append("</tr></thead><tbody>");
            foreach (var category in categories)
            {
                _html.Append("<tr><th scope=\"row\">").Append(Html.Text(category)).Append("</th>");
                foreach (var groups in found)
                {
                    if (names.Count > 2 && groups.TryGetValue(category, out var narrow) && narrow.Accuracy is not null && narrow.Ci is { Count: 2 })
                    {
                        // Many judges: the interval goes on a second line so that the table still fits the page.
                        _html.Append("<td>").Append(Html.Text($"{Fmt.Metric(narrow.Accuracy)} · {Fmt.Count(narrow.Correct)}/{Fmt.Count(narrow.Pairs)}"))
                            .Append("<br><small class=\"ci\">").Append(Html.Text(Fmt.Interval(narrow.Ci))).Append("</small></td>");
                        continue;
                    }

                    _html.Append(Cell(groups.TryGetValue(category, out var g)
                        ? $"{Fmt.WithInterval(g.Accuracy, g.Ci)} · {Fmt.Count(g.Correct)}/{Fmt.Count(g.Pairs)}"
                        : Fmt.None));
                }

                _html.Append("</tr>");
            }

            _html.Append("</tbody></table>");
            var series = names.Select((n, i) => new BarSeries(
                n,
                Color(n),
                [.. categories.Select(c => found[i].TryGetValue(c, out var g) ? g.Accuracy : null)],
                [.. categories.Select(c => found[i].TryGetValue(c, out var g) ? g.Ci : null)])).ToList();
            IReadOnlyList<IReadOnlyList<long>> counts = [.. names.Select((_, i) => (IReadOnlyList<long>)[.. categories.Select(c => found[i].TryGetValue(c, out var g) ? g.Pairs : 0)])];
            _html.Append(SvgChart.Bars($"Accuracy {title.ToLowerInvariant()}", "accuracy", categories, series, counts)).Append("</div></div>");
        }

        _html.Append("</section>\n");
    }

    private void Reactor(RunReport run)
    {
        var r = run.Reactor;
        _html.Append("<section id=\"reactor\"><h2>Reactor and scars</h2><table class=\"facts\"><tbody>")
            .Append(Fact("geoids cycled", Fmt.Count(r.Geoids)))
            .Append(Fact("pairs compared", Fmt.Count(r.PairsProcessed)))
            .Append(Fact("scars made", Fmt.Count(r.Scars)))
            .Append(Fact("pairs that left a scar", Fmt.Percent(r.ScarRate)))
            .Append(Fact("scar weight mean / min / max", $"{Fmt.Number(r.ScarWeightMean, "0.000")} / {Fmt.Number(r.ScarWeightMin, "0.000")} / {Fmt.Number(r.ScarWeightMax, "0.000")}"))
            .Append("</tbody></table></section>\n");
    }

    private void Throughput(RunReport run)
    {
        var t = run.Timings;
        _html.Append("<section id=\"throughput\"><h2>Throughput and cost</h2><table class=\"facts\"><tbody>")
            .Append(Fact("total time", $"{Fmt.Number(t.TotalSeconds, "0.0")} s (plan {Fmt.Number(t.PlanSeconds, "0.0")} s, process {Fmt.Number(t.ProcessSeconds, "0.0")} s, aggregate {Fmt.Number(t.AggregateSeconds, "0.0")} s)"))
            .Append(Fact("this session", ThroughputText.Describe(t, run.Run.Chunks)))
            .Append(Fact("time per pair per worker", $"{Fmt.Number(t.MillisecondsPerPairPerWorker, "0.00")} ms"))
            .Append(Fact("embedding cache", CacheText(run.Caches.Embeddings)));
        if (run.Caches.Judgements is { } judgements)
        {
            _html.Append(Fact("LLM answer cache", CacheText(judgements)));
        }

        _html.Append("</tbody></table><table><thead><tr><th>judge</th><th>judged</th><th>errors</th><th>called contradiction</th><th>requests</th><th>input tokens</th><th>output tokens</th><th>cost (USD)</th><th>cost per 1,000 pairs</th><th>cache hits</th><th>rate-limited</th><th>retries</th></tr></thead><tbody>");
        foreach (var (name, tally) in run.Judges)
        {
            var pairs = tally.Judged + tally.Errors;
            _html.Append("<tr><th scope=\"row\">").Append(Swatch(name)).Append(Html.Text(name)).Append("</th>")
                .Append(Cell(Fmt.Count(tally.Judged)))
                .Append(Cell(Fmt.Count(tally.Errors)))
                .Append(Cell(Fmt.Count(tally.Contradictions)))
                .Append(Cell(Fmt.Count(tally.Requests)))
                .Append(Cell(Fmt.Count(tally.InputTokens)))
                .Append(Cell(Fmt.Count(tally.OutputTokens)))
                .Append(Cell(Fmt.Number(tally.CostUsd, "0.0000")))
                .Append(Cell(pairs == 0 ? Fmt.None : Fmt.Number(tally.CostUsd * 1000 / pairs, "0.0000")))
                .Append(Cell(Fmt.Count(tally.CacheHits)))
                .Append(Cell(Fmt.Count(tally.RateLimited)))
                .Append(Cell(Fmt.Count(tally.Retries)))
                .Append("</tr>");
        }

        _html.Append("</tbody></table><p class=\"note\">Kimera runs locally and makes no paid requests; LLM cost is computed from the tokens reported by the API and the configured price.</p></section>\n");
    }

    private void Dataset(DatasetReport d)
    {
        _html.Append("<section id=\"dataset\"><h2>Dataset</h2><table class=\"facts\"><tbody>")
            .Append(Fact("file", d.Source))
            .Append(Fact("shape and columns", $"{d.Shape}: {string.Join(", ", d.Columns)}"))
            .Append(Fact("rows", $"{Fmt.Count(d.RowsRead)} read, {Fmt.Count(d.GoodRows)} good, {Fmt.Count(d.BadRows)} bad"))
            .Append(Fact("pairs", $"{Fmt.Count(d.PairsBuilt)}: {Fmt.Count(d.Positives)} contradiction, {Fmt.Count(d.Negatives)} not, {Fmt.Count(d.Unlabelled)} unlabelled{(d.StoppedAtMaxPairs ? " (stopped at --max-pairs)" : string.Empty)}"))
            .Append(Fact("pair languages", d.PairLanguages.Count == 0 ? "none" : string.Join(", ", d.PairLanguages.Select(kv => $"{kv.Key} {Fmt.Count(kv.Value)}"))))
            .Append("</tbody></table>");
        if (d.Problems.Count > 0)
        {
            const int shown = 50;
            _html.Append("<details><summary>").Append(Html.Text($"{Fmt.Count(d.Problems.Count)} problem(s) in the dataset{(d.Problems.Count > shown ? $", first {shown} shown" : string.Empty)}")).Append("</summary><ul>");
            foreach (var problem in d.Problems.Take(shown))
            {
                _html.Append("<li>").Append(Html.Text(problem.ToString())).Append("</li>");
            }

            _html.Append("</ul></details>");
        }

        _html.Append("</section>\n");
    }

    private void Settings()
    {
        var s = _statistics.Settings;
        _html.Append("<footer><p>").Append(Html.Text(string.Create(
            CultureInfo.InvariantCulture,
            $"Statistics settings: {s.BootstrapResamples} bootstrap resamples, confidence level {s.ConfidenceLevel}, seed {s.Seed}, {s.Folds} folds, threshold objective {s.ThresholdObjective}, zero division → {s.ZeroDivision}. Generated by Kimera Bench; the same results give the same report.")))
            .Append("</p></footer>\n");
    }

    private string Swatch(string judge) => $"<span class=\"swatch\" style=\"background:{Color(judge)}\"></span>";

    private string Level() => (_statistics.Settings.ConfidenceLevel * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Cell(string text) => $"<td>{Html.Text(text)}</td>";

    /// <summary>A value with its interval on a smaller second line, so wide tables stay readable.</summary>
    private static string CellCi(double? value, IReadOnlyList<double>? interval) =>
        interval is { Count: 2 } && value is not null
            ? $"<td>{Html.Text(Fmt.Metric(value))}<br><small class=\"ci\">{Html.Text(Fmt.Interval(interval))}</small></td>"
            : Cell(Fmt.Metric(value));

    private static string Fact(string name, string value) => $"<tr><th scope=\"row\">{Html.Text(name)}</th><td>{Html.Text(value)}</td></tr>";

    private static string MeanSd(MeanSd value) => value.Sd is { } sd
        ? $"{Fmt.Metric(value.Mean)} ± {Fmt.Metric(sd)}"
        : Fmt.Metric(value.Mean);

    private static string CacheText(CacheReport cache) => $"{Fmt.Count(cache.Hits)} hits, {Fmt.Count(cache.Misses)} misses ({Fmt.Percent(cache.HitRate)} hit rate)";

    private static string ObjectiveName(string objective) => objective switch
    {
        "f1" => "F1",
        "youden_j" => "Youden's J",
        _ => objective,
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private const string Css = """
        :root { --ink: #1d2330; --muted: #5b6474; --line: #d9dde5; --bg: #ffffff; --panel: #f6f7f9; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1240px; margin: 0 auto; padding: 20px 20px 48px; }
        header h1 { margin: 0; font-size: 26px; }
        header .source { margin: 2px 0 0; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: var(--muted); word-break: break-all; }
        header .meta { margin: 4px 0 0; color: var(--muted); }
        h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 16px; margin: 18px 0 6px; }
        .verdict { border-left: 6px solid #8a93a3; background: var(--panel); padding: 12px 18px; border-radius: 4px; }
        .verdict p { margin: 6px 0; }
        .verdict .headline { font-size: 19px; font-weight: 600; }
        .verdict.yes { border-color: #2a9d4b; } .verdict.no { border-color: #c0392b; } .verdict.same { border-color: #1f6fb4; } .verdict.unknown { border-color: #b8860b; }
        .notice { background: #fff7e0; border: 1px solid #f0d78c; padding: 8px 12px; border-radius: 4px; }
        .notice.failed { background: #fbeceb; border-color: #e3a19b; }
        #judge-failures .notice { margin: 8px 0; } ul.causes { margin: 4px 0; }
        .note { color: var(--muted); font-size: 13px; }
        table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid var(--line); padding: 5px 9px; text-align: right; white-space: nowrap; }
        th { text-align: left; font-weight: 600; }
        thead th { background: var(--panel); font-size: 13px; text-align: right; white-space: normal; vertical-align: bottom; }
        thead th:first-child { text-align: left; }
        tbody th { text-align: left; }
        table.facts td { text-align: left; white-space: normal; }
        small.ci { color: var(--muted); font-size: 12px; }
        section { overflow-x: auto; }
        .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; }
        .matrices { display: flex; flex-wrap: wrap; gap: 28px; }
        .rankings { display: flex; flex-wrap: wrap; gap: 28px; align-items: flex-start; }
        table.ranking thead th:nth-child(2) { text-align: left; }
        table.ranking caption, table.heatmap caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
        table.heatmap td { text-align: center; min-width: 74px; font-size: 13px; } table.heatmap td small { font-size: 11px; }
        table.heatmap td.empty { color: var(--muted); } table.heatmap thead th { text-align: center; }
        svg .band { fill-opacity: 0.13; stroke: none; }
        svg .marker { stroke-width: 1.3; }
        table.confusion caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
        table.confusion td { min-width: 120px; font-size: 17px; }
        table.confusion td.ok { background: #eaf6ee; } table.confusion td.bad { background: #fbeceb; }
        table.confusion small { color: var(--muted); font-size: 11px; }
        .analysis-body { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
        .analysis-body table { font-size: 13px; }
        table.examples { width: 100%; font-size: 13px; } table.examples caption { text-align: left; padding: 6px 0 2px; color: var(--ink); }
        table.examples td.text, table.examples td.verdict-cell { white-space: normal; text-align: left; max-width: 320px; overflow-wrap: anywhere; }
        table.examples td.verdict-cell small { color: var(--muted); } table.examples thead th { text-align: left; }
        .notice.inverted { background: #fbeceb; border-color: #e3a19b; margin-top: 10px; }
        details { margin: 8px 0; } summary { cursor: pointer; color: var(--muted); }
        svg.chart { background: #fff; border: 1px solid var(--line); border-radius: 4px; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
        svg .chart-title { font-size: 15px; font-weight: 600; fill: var(--ink); }
        svg .grid { stroke: #e6e9ef; stroke-width: 1; }
        svg .frame { fill: none; stroke: #9aa3b2; stroke-width: 1; }
        svg .tick { font-size: 11px; fill: var(--muted); }
        svg .axis-label, svg .category { font-size: 12px; fill: var(--ink); }
        svg .curve { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
        svg .reference { stroke: #888888; stroke-width: 1.5; stroke-dasharray: 5 4; }
        svg .whisker { stroke: #1d2330; stroke-width: 1.3; fill: none; }
        svg .legend-box { fill: #ffffff; fill-opacity: 0.92; stroke: var(--line); }
        svg .legend-text { font-size: 12px; fill: var(--ink); }
        footer { margin-top: 36px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); }
        """;
}
