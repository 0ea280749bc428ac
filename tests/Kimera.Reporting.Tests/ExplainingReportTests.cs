using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Examples;
using Kimera.Statistics;

namespace Kimera.Reporting.Tests;

/// <summary>The report sections that explain the numbers: the inverted-ranking warning, typical mistakes and disagreements.</summary>
public sealed class ExplainingReportTests
{
    private static readonly StatisticsOptions Options = new() { BootstrapResamples = 200, CrossValidationFolds = 2 };

    [Fact]
    public void A_judge_whose_score_ranks_contradictions_below_the_rest_is_named_in_plain_words_and_its_mistakes_are_listed()
    {
        // 10 contradictions scored 0.1 and 10 non-contradictions scored 0.9 by kimera: AUROC 0 and every bootstrap AUROC 0.
        var rows = Enumerable.Range(0, 20).Select(i => i < 10
            ? Row($"c{i:D2}", true, (false, 0.1), (true, 0.9), resonance: 0.9 + (i * 0.001))
            : Row($"n{i:D2}", false, (true, 0.9), (false, 0.1), resonance: 0.2)).ToArray();

        var html = Render(rows);

        Assert.Contains("<p class=\"notice inverted\">Kimera&#x27;s score ranks contradictions below non-contradictions on these pairs: AUROC 0.000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("The LLM&#x27;s score ranks", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"mistakes\">", html, StringComparison.Ordinal);
        // Missed contradictions all score 0.1; the highest resonance (c09: 0.909) comes first.
        var missed = html[html.IndexOf("<table class=\"examples missed\">", StringComparison.Ordinal)..];
        Assert.True(missed.IndexOf(">c09<", StringComparison.Ordinal) < missed.IndexOf(">c08<", StringComparison.Ordinal));
        Assert.Contains("10 labelled contradiction(s) called compatible; the 3 most typical:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_judge_that_ranks_well_gets_no_warning()
    {
        var rows = Enumerable.Range(0, 20).Select(i => i < 10
            ? Row($"c{i:D2}", true, (true, 0.9), (true, 0.9))
            : Row($"n{i:D2}", false, (false, 0.1), (false, 0.1))).ToArray();

        var html = Render(rows);

        Assert.DoesNotContain("notice inverted", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<section id=\"mistakes\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<section id=\"examples\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Disagreements_show_both_verdicts_scores_and_reasons_with_every_text_escaped()
    {
        var rows = new[]
        {
            Row("p1", true, (false, 0.2), (true, 0.9), text: "<script>alert(1)</script>", reason: "<b>looks</b> & fine"),
            Row("p2", false, (true, 0.7), (false, 0.1)),
        };

        var html = Render(rows);

        var section = html[html.IndexOf("<section id=\"examples\">", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("</section>", StringComparison.Ordinal) + 10)];
        Assert.Contains("Only Kimera called a contradiction (1 pair)", section, StringComparison.Ordinal);
        Assert.Contains("Only the LLM called a contradiction (1 pair)", section, StringComparison.Ordinal);
        Assert.Contains("<strong>no contradiction</strong> · score 0.200<br><small>&lt;b&gt;looks&lt;/b&gt; &amp; fine</small>", section, StringComparison.Ordinal);
        Assert.Contains("<strong>contradiction</strong> · score 0.900", section, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    private static string Render(ResultRow[] rows)
    {
        string[] judges = ["kimera", "llm"];
        var collector = new ExampleCollector(judges);
        foreach (var row in rows)
        {
            collector.Add(row);
        }

        var statistics = StatisticsCalculator.Compute([.. rows.Select(r => r.ToOutcome())], judges, Options);
        return HtmlReportWriter.Render(statistics, "results.csv", collector.Result());
    }

    private static ResultRow Row(string id, bool label, (bool Pred, double Score) kimera, (bool Pred, double Score) llm, double? resonance = null, string? text = null, string? reason = null) =>
        new(
            0, id, text ?? $"{id} first", $"{id} second", "en", null, label, resonance,
            [
                new JudgeColumns(kimera.Pred, kimera.Score, null) { Reasoning = reason ?? $"kimera on {id}" },
                new JudgeColumns(llm.Pred, llm.Score, null) { Reasoning = $"llm on {id}" },
            ],
            []);
}
