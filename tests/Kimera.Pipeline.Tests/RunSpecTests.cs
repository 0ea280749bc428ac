using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kimera.Pipeline.Tests;

public sealed class RunSpecTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new RunSpec().Validate());
    }

    [Fact]
    public void Validation_returns_every_problem_in_the_front_ends_spelling()
    {
        var spec = new RunSpec
        {
            ChunkSize = 0,
            Parallelism = 2000,
            MaxPairs = 0,
            MaxTextLength = 0,
            BootstrapResamples = -1,
            Folds = 1,
            Judges = ["kimera", "oracle", "kimera"],
        };

        Assert.Equal(
            [
                "--chunk-size must be between 1 and 1000000 (got 0).",
                "--parallelism must be between 1 and 1024 (got 2000).",
                "--maxpairs must be at least 1 (got 0).",
                "--maxtextlength must be at least 1 (got 0).",
                "--bootstrapresamples must be between 0 and 1000000 (got -1).",
                "--folds must be between 2 and 100 (got 1).",
                "--judges: 'oracle' is not a known judge (kimera, llm).",
                "--judges: 'kimera' is named more than once.",
            ],
            spec.Validate(name => name == "ChunkSize" ? "--chunk-size" : "--" + name.ToLowerInvariant()));
    }

    [Fact]
    public void An_empty_judge_list_is_a_problem()
    {
        Assert.Equal(["Judges must name at least one judge (kimera, llm)."], new RunSpec { Judges = [] }.Validate());
    }

    [Fact]
    public void Sample_and_max_pairs_together_are_one_cross_field_problem()
    {
        Assert.Equal(["Sample and MaxPairs both choose the pairs; give one of them."], new RunSpec { Sample = 5, MaxPairs = 5 }.Validate());
    }

    [Fact]
    public void Statistics_settings_derive_from_the_spec()
    {
        var options = new RunSpec { BootstrapResamples = 123, Folds = 7, Seed = 9 }.ToStatisticsOptions();
        Assert.Equal((123, 7, 9), (options.BootstrapResamples, options.Folds, options.Seed));
    }

    [Fact]
    public void The_defaults_are_the_constants_and_parallelism_is_the_core_count()
    {
        var spec = new RunSpec();

        Assert.Equal(
            (RunSpec.DefaultChunkSize, Environment.ProcessorCount, RunSpec.DefaultSeed, RunSpec.DefaultMaxTextLength, RunSpec.DefaultBootstrapResamples, RunSpec.DefaultFolds),
            (spec.ChunkSize, spec.Parallelism, spec.Seed, spec.MaxTextLength, spec.BootstrapResamples, spec.Folds));
        Assert.Equal((500, 42, 2000, 5), (RunSpec.DefaultChunkSize, RunSpec.DefaultSeed, RunSpec.DefaultBootstrapResamples, RunSpec.DefaultFolds));
    }

    [Fact]
    public void The_libraries_below_the_pipeline_default_to_the_specs_constants()
    {
        // Kimera.Statistics and Kimera.Datasets cannot see RunSpec (they sit below it); their own defaults must not drift from it.
        var statistics = new Kimera.Statistics.StatisticsOptions();
        var reader = new Kimera.Datasets.DatasetReaderOptions();

        Assert.Equal((RunSpec.DefaultSeed, RunSpec.DefaultBootstrapResamples, RunSpec.DefaultFolds), (statistics.Seed, statistics.BootstrapResamples, statistics.Folds));
        Assert.Equal((RunSpec.DefaultSeed, RunSpec.DefaultMaxTextLength), (reader.Seed, reader.MaxTextLength));
    }

    [Fact]
    public void The_kimera_run_section_binds_every_option_and_replaces_the_default_judges()
    {
        using var provider = Provider(new()
        {
            ["Kimera:Run:ChunkSize"] = "7",
            ["Kimera:Run:Parallelism"] = "3",
            ["Kimera:Run:Seed"] = "9",
            ["Kimera:Run:Sample"] = "40",
            ["Kimera:Run:MaxTextLength"] = "300",
            ["Kimera:Run:Judges:0"] = "llm",
            ["Kimera:Run:BootstrapResamples"] = "0",
            ["Kimera:Run:Folds"] = "3",
        });

        var spec = provider.GetRequiredService<IOptions<RunSpec>>().Value;

        Assert.Equal((7, 3, 9, null, 40, 300, 0, 3), (spec.ChunkSize, spec.Parallelism, spec.Seed, spec.MaxPairs, spec.Sample, spec.MaxTextLength, spec.BootstrapResamples, spec.Folds));
        Assert.Equal(["llm"], spec.Judges);
    }

    [Fact]
    public void An_empty_section_binds_the_defaults()
    {
        using var provider = Provider(new());

        var spec = provider.GetRequiredService<IOptions<RunSpec>>().Value;

        Assert.Equal(new RunSpec().WithOptions([]) with { Judges = spec.Judges }, spec);
        Assert.Equal(["kimera", "llm"], spec.Judges);
    }

    [Fact]
    public void An_out_of_range_configured_value_fails_at_start_naming_the_key()
    {
        using var provider = Provider(new() { ["Kimera:Run:ChunkSize"] = "0", ["Kimera:Run:Sample"] = "5", ["Kimera:Run:MaxPairs"] = "5" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RunSpec>>().Value);

        Assert.Equal(
            [
                "Kimera:Run:ChunkSize must be between 1 and 1000000 (got 0).",
                "Kimera:Run:Sample and Kimera:Run:MaxPairs both choose the pairs; give one of them.",
            ],
            error.Failures);
    }

    [Fact]
    public void The_former_key_of_parallelism_is_refused_naming_the_new_one()
    {
        using var provider = Provider(new() { ["Kimera:Run:MaxParallelChunks"] = "16" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RunSpec>>().Value);

        Assert.Equal(["Kimera:Run:MaxParallelChunks is now Kimera:Run:Parallelism; rename the setting."], error.Failures);
    }

    [Fact]
    public void Options_bound_by_name_override_only_what_they_name()
    {
        var spec = new RunSpec { Seed = 5 }.WithOptions([new("ChunkSize", "9"), new("BootstrapResamples", "10")]);

        Assert.Equal((9, 5, 10), (spec.ChunkSize, spec.Seed, spec.BootstrapResamples));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddRunSpec();
        return services.BuildServiceProvider();
    }
}
