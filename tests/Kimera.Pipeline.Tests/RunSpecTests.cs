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
            MaxParallelChunks = 2000,
            MaxPairs = 0,
            MaxTextLength = 0,
            BootstrapResamples = -1,
            Folds = 1,
            Judges = ["kimera", "oracle", "kimera"],
        };

        Assert.Equal(
            [
                "--chunk-size must be between 1 and 1000000 (got 0).",
                "--maxparallelchunks must be between 1 and 1024 (got 2000).",
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
    public void Statistics_settings_derive_from_the_spec()
    {
        var options = new RunSpec { BootstrapResamples = 123, Folds = 7, Seed = 9 }.ToStatisticsOptions();
        Assert.Equal((123, 7, 9), (options.BootstrapResamples, options.CrossValidationFolds, options.Seed));
    }
}
