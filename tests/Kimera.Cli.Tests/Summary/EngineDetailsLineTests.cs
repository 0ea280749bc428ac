using Kimera.Cli.Summary;
using Kimera.Reporting.Model;
using Kimera.Statistics;

namespace Kimera.Cli.Tests.Summary;

/// <summary>The summary's engine line: after the judges' figures, saying that no verdict depends on it and what a scar
/// is, with n/a and its reason for a blank.</summary>
public sealed class EngineDetailsLineTests
{
    [Fact]
    public void The_reactor_figures_are_explained_in_place()
    {
        // 3 scars of weights 0.5, 0.6 and 0.7: mean 1.8 / 3 = 0.600; 40 of 100 texts from the cache: 40.0%.
        var report = Report(new ReactorTally { Geoids = 200, PairsProcessed = 100, Scars = 3, ScarWeightSum = 1.8, ScarWeightMin = 0.5, ScarWeightMax = 0.7 }, new CacheReport(40, 60));

        Assert.Equal(
            "engine details (no verdict depends on them): the reactor compared 100 random pairs of texts, 3 left a scar (resonance below its threshold; mean weight 0.600); embeddings from cache 40.0%",
            RunSummaryView.ReactorLine(report));
    }

    [Fact]
    public void No_scar_and_no_embedding_read_n_a_with_the_reason()
    {
        var report = Report(new ReactorTally { Geoids = 2, PairsProcessed = 1 }, new CacheReport(0, 0));

        Assert.Equal(
            "engine details (no verdict depends on them): the reactor compared 1 random pair of texts, 0 left a scar (resonance below its threshold; mean weight n/a: no scar was made); embeddings from cache n/a (no text was embedded)",
            RunSummaryView.ReactorLine(report));
    }

    private static RunReport Report(ReactorTally reactor, CacheReport embeddings) => new()
    {
        Run = new RunInfo("hand.csv", "pairs", "f00d", 42, 5, 1, 0, ["kimera"]),
        Dataset = new DatasetReport("hand.csv", "pairs", [], 0, 0, 0, 0, 0, 0, 0, 0, 0, false, new Dictionary<string, long>(), new Dictionary<string, long>(), [], []),
        Statistics = StatisticsCalculator.Compute([], ["kimera"], new StatisticsOptions { BootstrapResamples = 0 }),
        Reactor = reactor,
        Judges = new Dictionary<string, JudgeTally>(),
        Caches = new RunCaches(embeddings, null),
        Timings = new RunTimings(),
    };
}
