using System.Text.Json;
using Kimera.Statistics.ErrorAnalysis;

namespace Kimera.Statistics.Tests;

/// <summary>The error analysis by the dataset's slice column (MultiNLI's genre): only when some pair has a slice.</summary>
public sealed class SliceErrorAnalysisTests
{
    private static JudgeOutcome Right(bool label) => new(label, label ? 0.9 : 0.1);

    private static JudgeOutcome Wrong(bool label) => new(!label, label ? 0.1 : 0.9);

    private static PairOutcome Row(bool? label, string? slice, JudgeOutcome judge) =>
        new(label, "en", label is true ? "contradiction" : "neutral", "A man sleeps", "A man runs", [judge]) { Slice = slice };

    [Fact]
    public void Accuracy_is_sliced_by_the_slice_value_with_a_Wilson_interval_and_empty_values_are_unknown()
    {
        PairOutcome[] rows =
        [
            Row(true, "fiction", Right(true)),
            Row(false, "fiction", Right(false)),
            Row(false, "fiction", Wrong(false)),
            Row(true, "fiction", new JudgeOutcome(null, null, "timeout")),
            Row(true, "telephone", Right(true)),
            Row(false, "telephone", Right(false)),
            Row(true, string.Empty, Wrong(true)),
            Row(null, "travel", Right(true)),
        ];

        var result = StatisticsCalculator.Compute(rows, ["kimera"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 }, "genre");
        var analysis = result.ErrorAnalysis!;
        var slice = analysis.Judges["kimera"].Slice!;

        Assert.Equal("genre", analysis.SliceName);
        // Labelled and judged only: fiction 2 of 3 (its timeout left out), telephone 2 of 2, the empty genre 0 of 1;
        // the unlabelled travel pair is in no group. Ordinal order of the names.
        Assert.Equal(
            [("fiction", 3L, 2L, 2.0 / 3), ("telephone", 2L, 2L, 1.0), ("unknown", 1L, 0L, 0.0)],
            slice.Select(g => (g.Group, g.Pairs, g.Correct, g.Accuracy!.Value)));
        // Wilson, z = 1.959964, z² = 3.841459.
        // 2 of 3: z²/n = 1.280486; centre = (0.666667 + 0.640243)/2.280486 = 0.573084;
        //   half = 1.959964/2.280486 · √(0.074074 + 0.106707) = 0.365425 → [0.207660, 0.938508].
        // 2 of 2: centre = (1 + 0.960365)/2.920729 = 0.671192; half = 0.671051 · √0.240091 = 0.328811 → [0.342380, 1].
        // 0 of 1: centre = 1.920729/4.841459 = 0.396725; half = 0.404829 · √0.960365 = 0.396725 → [0, 0.793451].
        Assert.Equal(0.207660, slice[0].Ci![0], 5);
        Assert.Equal(0.938508, slice[0].Ci![1], 5);
        Assert.Equal(0.342380, slice[1].Ci![0], 5);
        Assert.Equal(1.0, slice[1].Ci![1], 5);
        Assert.Equal(0.0, slice[2].Ci![0], 5);
        Assert.Equal(0.793451, slice[2].Ci![1], 5);
    }

    [Fact]
    public void The_slice_is_named_slice_when_no_name_is_given()
    {
        var result = ErrorAnalyzer.Compute([Row(true, "fiction", Right(true))], ["kimera"], new StatisticsOptions());

        Assert.Equal(ErrorAnalyzer.DefaultSliceName, result.SliceName);
        Assert.Equal([("fiction", 1L, 1L)], result.Judges["kimera"].Slice!.Select(g => (g.Group, g.Pairs, g.Correct)));
    }

    [Fact]
    public void Without_slices_there_is_no_slice_analysis_and_the_json_is_as_before()
    {
        PairOutcome[] rows = [Row(true, null, Right(true)), Row(false, null, Wrong(false))];

        var result = ErrorAnalyzer.Compute(rows, ["kimera"], new StatisticsOptions(), "genre");

        Assert.Null(result.SliceName);
        Assert.Null(result.Judges["kimera"].Slice);
        var json = JsonSerializer.Serialize(result);
        Assert.DoesNotContain("slice", json, StringComparison.Ordinal);
    }
}
