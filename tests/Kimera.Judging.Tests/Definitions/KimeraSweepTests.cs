using Kimera.Judging.Definitions;

namespace Kimera.Judging.Tests.Definitions;

public sealed class KimeraSweepTests
{
    [Fact]
    public void A_sweep_steps_in_decimals_and_names_each_variant_by_its_value()
    {
        var (sweep, error) = KimeraSweep.Parse("resonance_threshold=0.6:0.9:0.05");

        Assert.Null(error);
        // 0.6 + 6 × 0.05 = 0.9 exactly: seven values, no 0.8999999.
        Assert.Equal([0.6m, 0.65m, 0.7m, 0.75m, 0.8m, 0.85m, 0.9m], sweep!.Values);
        var judges = sweep.Judges();
        Assert.Equal(["kimera_0.60", "kimera_0.65", "kimera_0.70", "kimera_0.75", "kimera_0.80", "kimera_0.85", "kimera_0.90"], judges.Select(j => j.Name));
        Assert.All(judges, j => Assert.Equal("kimera", j.Kind));
        Assert.Equal("0.65", judges[1].Options!["ResonanceThreshold"]);
        var axis = sweep.Axis();
        Assert.Equal("resonance_threshold", axis.Parameter);
        Assert.Equal(0.65, axis.Points[1].Value);
        Assert.Equal("kimera_0.65", axis.Points[1].Judge);
    }

    [Theory]
    [InlineData("resonance_threshold", "--sweep takes option=from:to:step")]
    [InlineData("resonance=0.6:0.9:0.05", "--sweep: 'resonance' is not a Kimera engine option")]
    [InlineData("resonance_threshold=0.9:0.6:0.05", "--sweep: the step must be above 0 and 'to' at least 'from'")]
    [InlineData("resonance_threshold=0.6:0.9:0", "--sweep: the step must be above 0")]
    [InlineData("resonance_threshold=0:1:0.01", "--sweep: 0:1:0.01 gives 101 values; at most 50 per run.")]
    [InlineData("negation_penalty_enabled=0:1:1", "--sweep: NegationPenaltyEnabled is a switch")]
    [InlineData("min_shared_words=1:3:0.5", "--sweep: MinSharedWords takes whole numbers")]
    [InlineData("resonance_threshold=a:b:c", "--sweep takes option=from:to:step")]
    public void A_bad_sweep_is_named(string text, string expected)
    {
        var (sweep, error) = KimeraSweep.Parse(text);

        Assert.Null(sweep);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }
}
