using System.ComponentModel;
using Kimera.Pipeline;
using Kimera.Statistics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>Arguments of <c>kimera analyze</c> (docs/architecture.md, "Contracts").</summary>
public sealed class AnalyzeSettings : CommandSettings
{
    [CommandArgument(0, "<results>")]
    [Description("Results CSV: 'label' (1/0/true/false, empty = unlabelled) and, for each judge J, 'J_pred' (true/false) and 'J_score' (number). A run's pairs.csv works as it is.")]
    public string Results { get; init; } = string.Empty;

    [CommandOption("-o|--out <DIR>")]
    [Description("Write statistics.json and report.html into DIR.")]
    public string? Out { get; init; }

    [CommandOption("--json")]
    [Description("Print the statistics object (as in report.json) to stdout instead of the summary.")]
    public bool Json { get; init; }

    [CommandOption("--bootstrap-resamples <N>")]
    [DescriptionWithDefault("Bootstrap resamples for confidence intervals; 0 turns them off.", RunSpec.DefaultBootstrapResamples)]
    public int? BootstrapResamples { get; init; }

    /// <summary>The former spelling of <c>--bootstrap-resamples</c>, still accepted (see <see cref="RunOptions.Table"/>).</summary>
    [CommandOption("--bootstrap <N>", IsHidden = true)]
    public int? Bootstrap { get; init; }

    [CommandOption("--folds <K>")]
    [DescriptionWithDefault("Cross-validation folds for the decision threshold.", RunSpec.DefaultFolds)]
    public int? Folds { get; init; }

    [CommandOption("--seed <N>")]
    [DescriptionWithDefault("Seed of the bootstrap and of the fold shuffle; use the run's seed to reproduce its report.", RunSpec.DefaultSeed)]
    public int? Seed { get; init; }

    /// <summary>The statistics part of a run these arguments ask for: analyze computes what a run's aggregation computes, so
    /// its settings are checked by <see cref="RunSpec.Validate"/> and turned into <see cref="StatisticsOptions"/> by
    /// <see cref="RunSpec.ToStatisticsOptions"/>, with the same bounds as <c>kimera run</c>'s.</summary>
    public RunSpec ToSpec() => RunOptions.ToSpec(this);

    public override ValidationResult Validate()
    {
        if (Directory.Exists(Results))
        {
            return ValidationResult.Error($"'{Results}' is a directory, not a file.");
        }

        if (Out is not null && File.Exists(Out))
        {
            return ValidationResult.Error($"--out '{Out}' is a file; give a folder for statistics.json and report.html.");
        }

        if (RunOptions.Conflict(this) is { } conflict)
        {
            return ValidationResult.Error(conflict);
        }

        var problems = ToSpec().Validate(RunOptions.OptionNames(this));
        if (problems.Count > 0)
        {
            return ValidationResult.Error(string.Join(Environment.NewLine, problems));
        }

        return ValidationResult.Success();
    }
}
