using Kimera.Statistics.Comparisons;
using Kimera.Statistics.Noise;

namespace Kimera.Statistics.Tests;

public sealed class JudgeNoiseTests
{
    [Fact]
    public void Flip_rate_and_its_wilson_interval_match_newcombes_worked_example()
    {
        // 263 pairs asked twice, 81 of them answered differently: Newcombe (1998), "Two-sided confidence intervals for the
        // single proportion", Statistics in Medicine 17, example 81/263: Wilson score interval 0.2553 to 0.3662.
        var first = new bool?[263];
        var second = new bool?[263];
        for (var i = 0; i < 263; i++)
        {
            first[i] = i % 2 == 0;
            second[i] = i < 81 ? !first[i] : first[i];
        }

        var result = JudgeNoise.Compute([first, second], new bool?[263], 0.95);

        Assert.Equal((2, 263L, 81L), (result.Repeats, result.Pairs, result.Flipped));
        Assert.Equal(81.0 / 263, result.FlipRate!.Value, 12);
        Assert.Equal(0.2553, result.FlipRateCi![0], 4);
        Assert.Equal(0.3662, result.FlipRateCi[1], 4);
        Assert.Empty(result.RepeatAccuracies);
        Assert.Null(result.NoiseFloor);
    }

    [Fact]
    public void Pairs_without_a_verdict_in_every_repeat_are_left_out_and_the_noise_floor_is_the_accuracy_spread()
    {
        // Three repeats over five pairs; pair 4 has no verdict in repeat 2, so four pairs count.
        // Labels T T F F (pair 4 unlabelled and left out anyway). Repeat accuracies: r0 4/4, r1 3/4, r2 2/4 → floor 0.5.
        bool?[] labels = [true, true, false, false, null];
        bool?[] r0 = [true, true, false, false, true];
        bool?[] r1 = [true, false, false, false, true];
        bool?[] r2 = [true, false, true, false, null];

        var result = JudgeNoise.Compute([r0, r1, r2], labels, 0.95);

        // Pairs 1 and 2 flip; 0 and 3 do not.
        Assert.Equal((4L, 2L), (result.Pairs, result.Flipped));
        Assert.Equal([1.0, 0.75, 0.5], result.RepeatAccuracies);
        Assert.Equal(0.5, result.NoiseFloor!.Value, 12);
        var expected = FleissKappa.FromVerdicts([[true, true, false, false], [true, false, false, false], [true, false, true, false]]);
        Assert.Equal(expected, result.Agreement);
    }
}
