using System.Globalization;

namespace Kimera.Statistics.RunComparisons;

/// <summary>Applies a <see cref="RegressionRule"/> to the judges of a <see cref="RunComparison"/> and says why in one line.</summary>
internal static class RegressionGate
{
    /// <param name="gateIntervals">Per judge, the paired bootstrap interval of B − A at level 1 − alpha (null without resamples).</param>
    public static RegressionVerdict Decide(RegressionRule rule, IReadOnlyList<JudgeRunComparison> judges, IReadOnlyList<double[]?> gateIntervals)
    {
        var metric = Name(rule.Metric);
        var checks = judges.Select((judge, i) => Check(rule, judge, gateIntervals[i])).ToArray();
        var regressed = checks.Where(c => c.Regressed).ToArray();
        var settings = Invariant($"alpha {rule.Alpha:0.###}, margin {rule.Margin:0.###}");
        var reason = judges.Count == 0
            ? $"no regression on {metric}: no judge is in both runs ({settings})"
            : regressed.Length > 0
                ? $"regression: B is worse than A on {metric} ({settings}): {string.Join("; ", regressed.Select(c => c.Reason))}"
                : $"no regression on {metric} ({settings}): {string.Join("; ", checks.Select(c => c.Reason))}";
        return new RegressionVerdict(metric, rule.Alpha, rule.Margin, regressed.Length > 0, reason, checks);
    }

    public static string Name(ComparedMetric metric) => metric switch
    {
        ComparedMetric.Accuracy => "accuracy",
        ComparedMetric.F1 => "f1",
        ComparedMetric.Auroc => "auroc",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    private static JudgeRegressionCheck Check(RegressionRule rule, JudgeRunComparison judge, double[]? interval)
    {
        var compared = judge.Of(rule.Metric);
        var name = JudgePairing.NameOf(judge.A, judge.B);
        var percent = Invariant($"{(1 - rule.Alpha) * 100:0.##}%");
        string reason;
        var regressed = false;
        if (compared.Difference is not { } difference)
        {
            reason = $"{name}: {Name(rule.Metric)} undefined on the pairs both runs judged ({judge.Pairs} pairs)";
        }
        else if (interval is null)
        {
            reason = Invariant($"{name}: Δ {difference:+0.000;-0.000;0.000}, no bootstrap interval (resamples 0 or undefined)");
        }
        else if (compared.HolmPValue is not { } p)
        {
            reason = Invariant($"{name}: Δ {difference:+0.000;-0.000;0.000}, the {compared.Test} test cannot be computed");
        }
        else
        {
            var values = Invariant($"{name}: {compared.A:0.000} → {compared.B:0.000}, Δ {difference:+0.000;-0.000;0.000}, {percent} CI [{interval[0]:+0.000;-0.000;0.000}, {interval[1]:+0.000;-0.000;0.000}], Holm p {p:G3}");
            // "below 0" with no margin, "below −0.02" with one: never a signed zero in the sentence.
            var bound = rule.Margin == 0 ? "0" : Invariant($"−{rule.Margin:0.###}");
            var significant = p < rule.Alpha;
            var beyondMargin = interval[1] < -rule.Margin;
            regressed = significant && beyondMargin;
            reason = regressed
                ? Invariant($"{values} < {rule.Alpha:0.###} and CI below {bound}")
                : !significant
                    ? Invariant($"{values} ≥ {rule.Alpha:0.###}")
                    : Invariant($"{values}, but the CI reaches {bound} or above");
        }

        return new JudgeRegressionCheck(judge.A, judge.B, compared.Difference, interval, compared.HolmPValue, regressed, reason);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
