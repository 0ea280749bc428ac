using System.ComponentModel;
using Kimera.Pipeline;
using Kimera.Statistics.RunComparisons;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>Arguments of <c>kimera compare</c> (docs/cli.md).</summary>
public sealed class CompareSettings : CommandSettings
{
    public const double DefaultAlpha = 0.05;

    [CommandArgument(0, "<A>")]
    [Description("Run A, the baseline: a run folder or its pairs.csv (any results table with pair_id, label, J_pred, J_score).")]
    public string A { get; init; } = string.Empty;

    [CommandArgument(1, "<B>")]
    [Description("Run B, the candidate, on the same pairs: a run folder or its pairs.csv.")]
    public string B { get; init; } = string.Empty;

    [CommandOption("--json")]
    [Description("Print the comparison as JSON to stdout instead of the summary.")]
    public bool Json { get; init; }

    [CommandOption("--html <FILE>")]
    [Description("Also write the comparison as one self-contained HTML page to FILE.")]
    public string? Html { get; init; }

    [CommandOption("--judge <a:NAME|b:NAME>")]
    [Description("Compare judge NAME of run A with judge NAME of run B (give both, e.g. --judge a:kimera --judge b:kimera_t07); default: every judge both runs have.")]
    public string[] Judge { get; init; } = [];

    [CommandOption("--fail-on-regression")]
    [Description("Exit 1 when B is significantly worse than A on --metric beyond --margin for some judge (Holm p < alpha and the paired interval of B − A at 1 − alpha below −margin), else 0; one line says why.")]
    public bool FailOnRegression { get; init; }

    [CommandOption("--metric <METRIC>")]
    [Description("The metric of --fail-on-regression: accuracy (exact McNemar), f1 (paired bootstrap) or auroc (DeLong). Default: accuracy.")]
    public string? Metric { get; init; }

    [CommandOption("--alpha <P>")]
    [Description("Significance level of --fail-on-regression, in (0, 1). Default: 0.05.")]
    public double? Alpha { get; init; }

    [CommandOption("--margin <X>")]
    [Description("How much worse B may be before --fail-on-regression fails, in the metric's units (0.02 = two points). Default: 0.")]
    public double? Margin { get; init; }

    [CommandOption("--changed <N>")]
    [Description("Changed pairs shown per judge, most typical first. Default: 5.")]
    public int? Changed { get; init; }

    [CommandOption("--bootstrap-resamples <N>")]
    [DescriptionWithDefault("Paired bootstrap resamples for the intervals and the F1 test; 0 turns them off.", RunSpec.DefaultBootstrapResamples)]
    public int? BootstrapResamples { get; init; }

    [CommandOption("--seed <N>")]
    [DescriptionWithDefault("Seed of the bootstrap; the same seed gives the same intervals.", RunSpec.DefaultSeed)]
    public int? Seed { get; init; }

    /// <summary>The metric of <c>--metric</c>.</summary>
    public ComparedMetric ComparedMetric => Metric?.Trim().ToLowerInvariant() switch
    {
        null or "accuracy" => ComparedMetric.Accuracy,
        "f1" => ComparedMetric.F1,
        "auroc" => ComparedMetric.Auroc,
        _ => throw new InvalidOperationException($"Unknown metric '{Metric}'."),
    };

    /// <summary>The regression rule of <c>--fail-on-regression</c>; null without it.</summary>
    public RegressionRule? Rule => FailOnRegression ? new RegressionRule(ComparedMetric, Alpha ?? DefaultAlpha, Margin ?? 0) : null;

    /// <summary>The judge named for run <paramref name="run"/> (<c>a</c> or <c>b</c>) by <c>--judge</c>, or null.</summary>
    public string? JudgeOf(char run) =>
        Judge.Select(j => j.Trim()).FirstOrDefault(j => j.Length > 2 && char.ToLowerInvariant(j[0]) == run && j[1] == ':')?[2..].Trim();

    /// <summary>The bootstrap settings, checked and bound as <c>kimera analyze</c>'s are.</summary>
    public RunSpec ToSpec() => RunOptions.ToSpec(this);

    public override ValidationResult Validate()
    {
        if (Metric is not null && Metric.Trim().ToLowerInvariant() is not ("accuracy" or "f1" or "auroc"))
        {
            return ValidationResult.Error($"--metric '{Metric}' is not one of accuracy, f1, auroc.");
        }

        if ((Metric is not null || Alpha is not null || Margin is not null) && !FailOnRegression)
        {
            return ValidationResult.Error("--metric, --alpha and --margin set the rule of --fail-on-regression; add --fail-on-regression.");
        }

        if (Alpha is { } alpha && !(alpha > 0 && alpha < 1))
        {
            return ValidationResult.Error($"--alpha {alpha} must lie strictly between 0 and 1.");
        }

        if (Margin is { } margin && !(margin >= 0 && margin < 1))
        {
            return ValidationResult.Error($"--margin {margin} must be at least 0 and below 1 (the metric's units: 0.02 = two points).");
        }

        if (Changed is < 0)
        {
            return ValidationResult.Error("--changed must be 0 or more.");
        }

        foreach (var judge in Judge)
        {
            var trimmed = judge.Trim();
            if (trimmed.Length < 3 || trimmed[1] != ':' || char.ToLowerInvariant(trimmed[0]) is not ('a' or 'b'))
            {
                return ValidationResult.Error($"--judge '{judge}' names no run; write a:NAME (a judge of run A) or b:NAME (of run B).");
            }
        }

        if (Judge.Length > 0 && (Judge.Length != 2 || JudgeOf('a') is null || JudgeOf('b') is null))
        {
            return ValidationResult.Error("--judge pairs one judge of each run: give --judge a:NAME --judge b:NAME, once each.");
        }

        if (Html is not null && Directory.Exists(Html))
        {
            return ValidationResult.Error($"--html '{Html}' is a folder; give a file name such as compare.html.");
        }

        var problems = ToSpec().Validate(RunOptions.OptionNames(this));
        if (problems.Count > 0)
        {
            return ValidationResult.Error(string.Join(Environment.NewLine, problems));
        }

        if (FailOnRegression && ToSpec().BootstrapResamples == 0)
        {
            return ValidationResult.Error("--fail-on-regression needs the paired bootstrap interval; leave --bootstrap-resamples above 0.");
        }

        return ValidationResult.Success();
    }
}
