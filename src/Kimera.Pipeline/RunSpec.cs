using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Statistics;
using Kimera.Statistics.Sweeps;

namespace Kimera.Pipeline;

/// <summary>
/// Everything that describes one benchmark run besides the dataset: the one shape every front end maps onto
/// (<c>kimera run</c>'s arguments, the Functions app's <c>Kimera:Run</c> configuration, the <c>POST /api/runs</c> body)
/// and that the durable orchestration carries. <see cref="Validate"/> is the one check of its bounds.
/// </summary>
public sealed record RunSpec
{
    public const int MaxChunkSize = 1_000_000;
    public const int MaxParallelChunksLimit = 1024;
    public const int MaxBootstrapResamples = 1_000_000;
    public const int MaxFolds = 100;

    /// <summary>Pairs per chunk: the unit of parallel work and of resume.</summary>
    public int ChunkSize { get; init; } = 500;

    /// <summary>Chunks processed at once (the fan-out window in the durable engine).</summary>
    public int MaxParallelChunks { get; init; } = Environment.ProcessorCount;

    /// <summary>Seed of every random choice (negative pairs, shuffles, reactor, bootstrap, folds).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Caps the planned pairs (the first N in plan order, a plain prefix); <c>null</c> = all.</summary>
    public int? MaxPairs { get; init; }

    /// <summary>Plans a seeded sample of N pairs stratified by label and language (<see cref="Kimera.Datasets.Sampling.StratifiedAllocation"/>,
    /// <see cref="Kimera.Datasets.Sampling.StratifiedSelector"/>), in plan order; <c>null</c> = all. The same for every chunk size.</summary>
    public int? Sample { get; init; }

    /// <summary>Rows whose text is longer than this are reported as bad rows.</summary>
    public int MaxTextLength { get; init; } = 10_000;

    /// <summary>Judges to run, by name (<see cref="JudgeNames"/>), in column order.</summary>
    public IReadOnlyList<string> Judges { get; init; } = JudgeNames.All;

    /// <summary>The judges in full when any of them is more than a shorthand name (a judge file, the HTTP body's judge
    /// objects, a sweep); <c>null</c> when <see cref="Judges"/> says it all. Set both through <see cref="WithJudges"/>.</summary>
    public IReadOnlyList<JudgeDefinition>? JudgeDefinitions { get; init; }

    /// <summary>The swept engine option when the run is a sweep (<c>--sweep</c>): its variants are among the judges.</summary>
    public SweepAxis? Sweep { get; init; }

    /// <summary>Bootstrap resamples for the confidence intervals; 0 turns them off.</summary>
    public int BootstrapResamples { get; init; } = 2_000;

    /// <summary>Folds of the cross-validated decision threshold.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Every problem with this specification, each naming the option through <paramref name="optionName"/>
    /// (which maps a property name such as <c>ChunkSize</c> to the front end's spelling, e.g. <c>--chunk-size</c>).</summary>
    public IReadOnlyList<string> Validate(Func<string, string>? optionName = null)
    {
        optionName ??= name => name;
        var problems = new List<string>();
        Range(nameof(ChunkSize), ChunkSize, 1, MaxChunkSize);
        Range(nameof(MaxParallelChunks), MaxParallelChunks, 1, MaxParallelChunksLimit);
        if (MaxPairs is { } maxPairs)
        {
            Range(nameof(MaxPairs), maxPairs, 1, int.MaxValue);
        }

        if (Sample is { } sample)
        {
            Range(nameof(Sample), sample, 1, int.MaxValue);
            if (MaxPairs is not null)
            {
                problems.Add($"{optionName(nameof(Sample))} and {optionName(nameof(MaxPairs))} both choose the pairs; give one of them.");
            }
        }

        Range(nameof(MaxTextLength), MaxTextLength, 1, int.MaxValue);
        Range(nameof(BootstrapResamples), BootstrapResamples, 0, MaxBootstrapResamples);
        Range(nameof(Folds), Folds, 2, MaxFolds);
        if (JudgeDefinitions is null)
        {
            problems.AddRange(JudgeCatalog.Problems(Judges, optionName(nameof(Judges))));
        }
        else
        {
            var source = optionName(nameof(Judges));
            problems.AddRange(JudgeSetRules.Problems(JudgeDefinitions, source));
            problems.AddRange(JudgeDefinitions.SelectMany((j, i) => JudgeSetRules.KindProblems(j, $"{source}: judges[{i}] ('{j.Name}')")));
            if (!Judges.SequenceEqual(JudgeDefinitions.Select(j => j.Name), StringComparer.Ordinal))
            {
                problems.Add($"{source}: the judge names ({string.Join(", ", Judges)}) differ from the judge definitions' ({string.Join(", ", JudgeDefinitions.Select(j => j.Name))}).");
            }
        }

        return problems;

        void Range(string property, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                var bound = max == int.MaxValue ? $"at least {min}" : $"between {min} and {max}";
                problems.Add($"{optionName(property)} must be {bound} (got {value}).");
            }
        }
    }

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
        CrossValidationFolds = Folds,
        Seed = Seed,
        Sweep = Sweep,
    };
}
