using System.Text.Json;

namespace Kimera.Statistics.Tests;

public sealed class StatisticsCalculatorTests
{
    private static readonly string[] Judges = ["kimera", "llm"];

    [Fact]
    public void Labelled_rows_give_metrics_comparisons_and_the_design_json_shape()
    {
        // kimera follows the sklearn example (scores .1 .4 .35 .8 on labels 0 0 1 1, verdict = score ≥ .5);
        // llm is right on every pair; a fifth labelled pair is a kimera error.
        PairOutcome Row(bool label, double kimera, double llm) =>
            new(label, "en", "t", "a b", "c d", [new JudgeOutcome(kimera >= 0.5, kimera), new JudgeOutcome(llm >= 0.5, llm)]);
        PairOutcome[] rows =
        [
            Row(false, 0.1, 0.2), Row(false, 0.4, 0.3), Row(true, 0.35, 0.7), Row(true, 0.8, 0.9),
            new(true, "en", "t", "a", "b", [new JudgeOutcome(null, null, "timeout"), new JudgeOutcome(true, 0.6)]),
        ];
        var result = StatisticsCalculator.Compute(rows, Judges, new StatisticsOptions { BootstrapResamples = 200, Folds = 2 });

        var kimera = result.Judges["kimera"];
        Assert.Equal(1, kimera.Errors);
        Assert.Equal(4, kimera.Evaluated);
        Assert.Equal(new ConfusionMatrix(1, 0, 2, 1), kimera.Confusion);  // .8 → tp; .35 → fn; .1, .4 → tn
        Assert.Equal(0.75, kimera.Accuracy!.Value, 12);
        Assert.Equal(0.75, kimera.Auroc!.Value, 12);
        Assert.Equal(0.8333333333333333, kimera.AveragePrecision!.Value, 12);
        Assert.Null(result.Message);

        // Comparison on the 4 pairs both judged: verdicts kimera F F F T vs llm F F T T → agreement ¾;
        // pₑ = ¼·½ + ¾·½ = ½ → κ = ½. McNemar: kimera right & llm wrong b = 0, reverse c = 1.
        var comparison = Assert.Single(result.Comparisons);
        Assert.Equal(("kimera", "llm", 4L), (comparison.A, comparison.B, comparison.Pairs));
        Assert.Equal(0.75, comparison.Agreement!.Value, 12);
        Assert.Equal(0.5, comparison.CohenKappa!.Value, 12);
        Assert.Equal((0L, 1L), (comparison.McNemar!.B, comparison.McNemar.C));
        Assert.Equal(0.75, comparison.DeLong!.AucA, 12);
        Assert.Equal(1, comparison.DeLong.AucB, 12);

        using var json = JsonDocument.Parse(result.ToJson());
        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("pairs").GetInt32());
        Assert.Equal(5, root.GetProperty("labelled").GetInt32());
        var judge = root.GetProperty("judges").GetProperty("kimera");
        foreach (var name in new[] { "accuracy", "precision", "recall", "f1", "auroc", "average_precision", "errors" })
        {
            Assert.Equal(JsonValueKind.Number, judge.GetProperty(name).ValueKind);
        }

        Assert.Equal(1, judge.GetProperty("confusion").GetProperty("tp").GetInt32());
        Assert.Equal(1, judge.GetProperty("confusion").GetProperty("fn").GetInt32());
        Assert.Equal(2, judge.GetProperty("ci").GetProperty("accuracy").GetArrayLength());
        Assert.Equal(2, judge.GetProperty("ci").GetProperty("f1").GetArrayLength());
        Assert.Equal(2, judge.GetProperty("ci").GetProperty("auroc").GetArrayLength());
        var first = root.GetProperty("comparisons")[0];
        Assert.Equal("kimera", first.GetProperty("a").GetString());
        Assert.Equal(0.5, first.GetProperty("cohen_kappa").GetDouble(), 12);
        Assert.Equal(1, first.GetProperty("mcnemar").GetProperty("c").GetInt32());
        Assert.Equal(1, first.GetProperty("mcnemar").GetProperty("exact_p_value").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Number, first.GetProperty("delong").GetProperty("auc_a").ValueKind);
        Assert.Equal(JsonValueKind.Array, first.GetProperty("delong").GetProperty("ci").ValueKind);
        // The ROC curve's +∞ threshold is written as null.
        Assert.Equal(JsonValueKind.Null, judge.GetProperty("curves").GetProperty("roc").GetProperty("thresholds")[0].ValueKind);
    }

    [Fact]
    public void Unlabelled_rows_give_agreement_only_and_say_so()
    {
        PairOutcome Row(bool kimera, bool llm) =>
            new(null, "en", "random", "a", "b", [new JudgeOutcome(kimera, kimera ? 0.7 : 0.3), new JudgeOutcome(llm, llm ? 0.9 : 0.1)]);
        PairOutcome[] rows = [Row(true, true), Row(true, false), Row(false, false), Row(false, false)];
        var result = StatisticsCalculator.Compute(rows, Judges, new StatisticsOptions());

        Assert.Equal(0, result.Labelled);
        Assert.Equal("no labels: only agreement between judges can be measured", result.Message);
        var kimera = result.Judges["kimera"];
        Assert.Null(kimera.Accuracy);
        Assert.Null(kimera.Auroc);
        Assert.Null(kimera.Confusion);
        Assert.Null(kimera.Ci);
        Assert.Equal(0.5, kimera.PositiveRate);
        // Table yes/yes 1, yes/no 1, no/yes 0, no/no 2: pₒ = ¾; pₑ = ½·¼ + ½·¾ = ½; κ = ½.
        var comparison = Assert.Single(result.Comparisons);
        Assert.Equal(0.75, comparison.Agreement!.Value, 12);
        Assert.Equal(0.5, comparison.CohenKappa!.Value, 12);
        Assert.Null(comparison.McNemar);
        Assert.Null(comparison.DeLong);
        Assert.Empty(result.CrossValidation);
        Assert.Null(result.ErrorAnalysis);
        Assert.DoesNotContain("NaN", result.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_must_carry_one_outcome_per_judge()
    {
        PairOutcome[] rows = [new(true, "en", "t", "a", "b", [new JudgeOutcome(true, 0.9)])];
        var error = Assert.Throws<ArgumentException>(() => StatisticsCalculator.Compute(rows, Judges, new StatisticsOptions()));
        Assert.Contains("Row 0 has 1 judge outcomes; expected 2", error.Message, StringComparison.Ordinal);
    }
}
