using System.ComponentModel.DataAnnotations;
using Kimera.Datasets;
using Kimera.Datasets.Formats;
using Kimera.Datasets.Layouts;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Statistics;
using Kimera.Statistics.Sweeps;

namespace Kimera.Pipeline;

/// <summary>
/// Everything that describes one benchmark run besides the dataset, and the options section <c>Kimera:Run</c> itself
/// (<see cref="RunSpecServiceCollectionExtensions.AddRunSpec"/>): <c>kimera run</c>'s arguments and the <c>POST /api/runs</c>
/// body bind onto it by its own property names (<see cref="WithOptions"/>), and the durable orchestration carries it.
/// Every default and bound is declared here once; <see cref="Validate"/> (the source-generated data-annotation validator plus
/// the cross-field rules of <see cref="IValidatableObject.Validate"/>) is the one check, whatever the front end.
/// </summary>
public sealed record RunSpec : IValidatableObject
{
    /// <summary>The configuration section the hosts bind (<c>Kimera:Run:ChunkSize</c>, <c>Kimera__Run__ChunkSize</c>).</summary>
    public const string SectionName = "Kimera:Run";

    public const int DefaultChunkSize = 500;
    public const int DefaultSeed = 42;
    public const int DefaultMaxTextLength = Kimera.Datasets.DatasetReaderOptions.DefaultMaxTextLength;
    public const int DefaultBootstrapResamples = 2_000;
    public const int DefaultFolds = 5;

    public const int MaxChunkSize = 1_000_000;
    public const int MaxParallelism = 1024;
    public const int MaxBootstrapResamples = 1_000_000;
    public const int MaxFolds = 100;

    /// <summary>The default of <see cref="Parallelism"/>: the number of cores.</summary>
    public static int DefaultParallelism => Environment.ProcessorCount;

    /// <summary>The options a front end sets by name (a command-line option, a configuration key, a body field), in the order
    /// of the documentation. <see cref="Judges"/> is set through <see cref="WithJudges"/>, <see cref="Sweep"/> by <c>--sweep</c>.</summary>
    public static readonly IReadOnlyList<string> OptionNames =
    [
        nameof(ChunkSize), nameof(Parallelism), nameof(Seed), nameof(MaxPairs), nameof(Sample), nameof(MaxTextLength),
        nameof(BootstrapResamples), nameof(Folds), nameof(Format), nameof(Text1Column), nameof(Text2Column), nameof(LabelColumn),
        nameof(IdColumn), nameof(PositiveLabels),
    ];

    /// <summary>The options of <see cref="OptionNames"/> whose values are text rather than whole numbers: how the dataset is read.</summary>
    public static readonly IReadOnlySet<string> TextOptionNames = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Format), nameof(Text1Column), nameof(Text2Column), nameof(LabelColumn), nameof(IdColumn), nameof(PositiveLabels),
    };

    private IReadOnlyList<string> _judges = JudgeNames.All;

    /// <summary>Pairs per chunk: the unit of parallel work and of resume.</summary>
    [Bounds(1, MaxChunkSize)]
    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>Chunks processed at once (the fan-out window in the durable engine); default: the number of cores.</summary>
    [Bounds(1, MaxParallelism)]
    public int Parallelism { get; init; } = DefaultParallelism;

    /// <summary>Seed of every random choice (negative pairs, shuffles, reactor, bootstrap, folds).</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Caps the planned pairs (the first N in plan order, a plain prefix); <c>null</c> = all.</summary>
    [Bounds(1, int.MaxValue)]
    public int? MaxPairs { get; init; }

    /// <summary>Plans a seeded sample of N pairs stratified by label and language (<see cref="Kimera.Datasets.Sampling.StratifiedAllocation"/>,
    /// <see cref="Kimera.Datasets.Sampling.StratifiedSelector"/>), in plan order; <c>null</c> = all. The same for every chunk size.</summary>
    [Bounds(1, int.MaxValue)]
    public int? Sample { get; init; }

    /// <summary>Rows whose text is longer than this are reported as bad rows.</summary>
    [Bounds(1, int.MaxValue)]
    public int MaxTextLength { get; init; } = DefaultMaxTextLength;

    /// <summary>Judges to run, by name (<see cref="JudgeNames"/>), in column order.</summary>
    public IReadOnlyList<string> Judges { get => _judges; init => _judges = value; }

    /// <summary>The judges in full when any of them is more than a shorthand name (a judge file, the HTTP body's judge
    /// objects, a sweep); <c>null</c> when <see cref="Judges"/> says it all. Set both through <see cref="WithJudges"/>.</summary>
    public IReadOnlyList<JudgeDefinition>? JudgeDefinitions { get; init; }

    /// <summary>The swept engine option when the run is a sweep (<c>--sweep</c>): its variants are among the judges.</summary>
    public SweepAxis? Sweep { get; init; }

    /// <summary>Bootstrap resamples for the confidence intervals; 0 turns them off.</summary>
    [Bounds(0, MaxBootstrapResamples)]
    public int BootstrapResamples { get; init; } = DefaultBootstrapResamples;

    /// <summary>Folds of the cross-validated decision threshold.</summary>
    [Bounds(2, MaxFolds)]
    public int Folds { get; init; } = DefaultFolds;

    /// <summary>The dataset's format (<see cref="DatasetFormats.AcceptedNames"/>); <c>null</c> = from the name's extension.</summary>
    [DatasetFormatName]
    public string? Format { get; init; }

    /// <summary>The column of the first text (premise, evidence); <c>null</c> = the detected layout's.</summary>
    public string? Text1Column { get; init; }

    /// <summary>The column of the second text (hypothesis, claim); <c>null</c> = the detected layout's.</summary>
    public string? Text2Column { get; init; }

    /// <summary>The column of the gold label; <c>null</c> = the detected layout's.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>The column of the pair id; <c>null</c> = the detected layout's, else ids from line numbers.</summary>
    public string? IdColumn { get; init; }

    /// <summary>Comma-separated label values that mean contradiction (every other known value is false); <c>null</c> = the layout's.</summary>
    public string? PositiveLabels { get; init; }

    /// <summary>The parsed <see cref="Format"/>; <c>null</c> when it is not set. Throws when it does not parse (<see cref="Validate"/> says so first).</summary>
    public DatasetFormat? ParsedFormat() =>
        Format is null ? null
        : DatasetFormats.TryParse(Format, out var format) ? format
        : throw new InvalidOperationException($"Format '{Format}' is not a dataset format ({DatasetFormats.AcceptedNames}).");

    /// <summary>The columns and contradiction values given (<see cref="ColumnMapping.None"/> when none is).</summary>
    public ColumnMapping Mapping()
    {
        var mapping = new ColumnMapping
        {
            Text1Column = Text1Column,
            Text2Column = Text2Column,
            LabelColumn = LabelColumn,
            IdColumn = IdColumn,
            PositiveLabels = ColumnMapping.SplitLabels(PositiveLabels),
        };
        return mapping.IsEmpty ? ColumnMapping.None : mapping;
    }

    /// <summary>How the planner reads the dataset, in both of its passes: the one place the run's options become reader options.</summary>
    public DatasetReaderOptions ToReaderOptions() => new()
    {
        Seed = Seed,
        MaxPairs = MaxPairs,
        MaxTextLength = MaxTextLength,
        Format = ParsedFormat(),
        Mapping = Mapping(),
    };

    /// <summary>Every problem with this specification, each naming the option through <paramref name="optionName"/>
    /// (which maps a property name such as <c>ChunkSize</c> to the front end's spelling, e.g. <c>--chunk-size</c>).</summary>
    public IReadOnlyList<string> Validate(Func<string, string>? optionName = null) =>
        RunSpecValidator.Problems(this, optionName ?? (name => name));

    /// <summary>The cross-field rules and the judges' (the bounds of single values are the attributes'). Messages name
    /// options as <c>{Property}</c>, replaced by the front end's spelling in <see cref="Validate"/>.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Sample is not null && MaxPairs is not null)
        {
            yield return new ValidationResult($"{{{nameof(Sample)}}} and {{{nameof(MaxPairs)}}} both choose the pairs; give one of them.");
        }

        foreach (var (name, value) in new[]
        {
            (nameof(Text1Column), Text1Column), (nameof(Text2Column), Text2Column), (nameof(LabelColumn), LabelColumn), (nameof(IdColumn), IdColumn),
        })
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                yield return new ValidationResult($"{{{name}}} must name a column (got an empty value).");
            }
        }

        if (PositiveLabels is not null && ColumnMapping.SplitLabels(PositiveLabels).Count == 0)
        {
            yield return new ValidationResult($"{{{nameof(PositiveLabels)}}} must name at least one label value (got '{PositiveLabels}').");
        }

        const string source = "{" + nameof(Judges) + "}";
        var problems = new List<string>();
        if (JudgeDefinitions is null)
        {
            problems.AddRange(JudgeCatalog.Problems(Judges, source));
        }
        else
        {
            problems.AddRange(JudgeSetRules.Problems(JudgeDefinitions, source));
            problems.AddRange(JudgeDefinitions.SelectMany((j, i) => JudgeSetRules.KindProblems(j, $"{source}: judges[{i}] ('{j.Name}')")));
            if (!Judges.SequenceEqual(JudgeDefinitions.Select(j => j.Name), StringComparer.Ordinal))
            {
                problems.Add($"{source}: the judge names ({string.Join(", ", Judges)}) differ from the judge definitions' ({string.Join(", ", JudgeDefinitions.Select(j => j.Name))}).");
            }
        }

        foreach (var problem in problems)
        {
            yield return new ValidationResult(problem);
        }
    }

    /// <summary>This specification with the options in <paramref name="values"/> (property name → value, as configuration
    /// keys below <c>Kimera:Run</c>) bound over it by the configuration binder, the one that binds the section.</summary>
    public RunSpec WithOptions(IEnumerable<KeyValuePair<string, string?>> values) => RunSpecBinding.Bind(this, values);

    /// <summary>This specification with <paramref name="judges"/> as its judges: their names in <see cref="Judges"/> and, when
    /// any of them is more than a shorthand name, the definitions in <see cref="JudgeDefinitions"/>.</summary>
    public RunSpec WithJudges(IReadOnlyList<JudgeDefinition> judges)
    {
        ArgumentNullException.ThrowIfNull(judges);
        return this with
        {
            Judges = [.. judges.Select(j => j.Name)],
            JudgeDefinitions = judges.All(j => j.IsShorthand) ? null : judges,
        };
    }

    /// <summary>The judges in full: <see cref="JudgeDefinitions"/>, or the shorthand names' defaults.</summary>
    public IReadOnlyList<JudgeDefinition> ResolvedJudges() => JudgeDefinitions ?? [.. Judges.Select(JudgeDefinition.FromShorthand)];

    /// <summary>The statistics settings this run asks for (the rest keep their defaults).</summary>
    public StatisticsOptions ToStatisticsOptions() => new()
    {
        BootstrapResamples = BootstrapResamples,
        Folds = Folds,
        Seed = Seed,
        Sweep = Sweep,
    };

    /// <summary>Replaces the judges with the configured list: the binder appends a configured list to the default one.</summary>
    internal void ReplaceJudges(IReadOnlyList<string> judges) => _judges = judges;
}
