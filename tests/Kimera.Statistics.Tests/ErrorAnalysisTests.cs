using Kimera.Statistics.ErrorAnalysis;
using Kimera.Statistics.Intervals;

namespace Kimera.Statistics.Tests;

public sealed class ErrorAnalysisTests
{
    [Fact]
    public void Length_cut_points_are_type_7_quartiles()
    {
        // Lengths 2..9 (n = 8): h = 7p → p = ¼: 1.75 → 3 + 0.75·1 = 3.75; ½: 3.5 → 5.5; ¾: 5.25 → 7.25.
        var cuts = ErrorAnalyzer.LengthCutPoints([9, 2, 3, 4, 5, 6, 7, 8], 4);
        Assert.Equal([3.75, 5.5, 7.25], cuts);
        // Buckets ≤ 3.75 {2, 3}, (3.75, 5.5] {4, 5}, (5.5, 7.25] {6, 7}, > 7.25 {8, 9}.
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3], new double[] { 2, 3, 4, 5, 6, 7, 8, 9 }.Select(x => ErrorAnalyzer.LengthBucket(x, cuts)));
    }

    [Fact]
    public void Repeated_quantiles_collapse_into_one_cut_point()
    {
        // Lengths 4,4,4,4,10: quartiles at h = 1, 2, 3 are all 4 → one cut: ≤ 4 and > 4.
        Assert.Equal([4.0], ErrorAnalyzer.LengthCutPoints([4, 4, 4, 4, 10], 4));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.19, 0)]
    [InlineData(0.2, 1)]
    [InlineData(0.49, 1)]
    [InlineData(0.5, 2)]
    [InlineData(1.0, 2)]
    public void Overlap_buckets_are_half_open_and_the_last_is_closed(double jaccard, int bucket)
    {
        Assert.Equal(bucket, ErrorAnalyzer.OverlapBucket(jaccard, [0.2, 0.5]));
    }

    [Fact]
    public void Jaccard_uses_lowercase_word_sets()
    {
        // {the, cat, sat} vs {the, cat, ran}: 2 shared of 4 distinct → 0.5.
        Assert.Equal(0.5, TextFeatures.Jaccard("The cat sat", "the CAT ran"), 12);
    }

    [Theory]
    [InlineData("I can't go", "fine", true)]
    [InlineData("It is not red", "It is red", true)]
    [InlineData("It didn’t rain", "Sun", true)]
    [InlineData("Snow falls", "nothing happens", false)]
    public void Negation_is_a_whole_word_of_the_spec_list_in_either_text(string text1, string text2, bool expected)
    {
        Assert.Equal(expected, TextFeatures.HasNegation(text1, text2));
    }

    [Fact]
    public void Wilson_interval_matches_the_hand_computation()
    {
        // 8 of 10, z = 1.959964: z²/n = 0.384146; centre = (0.8 + 0.192073)/1.384146 = 0.716740;
        // half = 1.959964/1.384146 · √(0.016 + 0.009604) = 0.226577 → [0.490163, 0.943317].
        var ci = ConfidenceInterval.Wilson(8, 10, 0.95)!;
        Assert.Equal(0.490163, ci[0], 5);
        Assert.Equal(0.943317, ci[1], 5);
    }

    [Fact]
    public void Accuracy_is_sliced_by_language_type_negation_and_overlap()
    {
        JudgeOutcome Right(bool label) => new(label, label ? 0.9 : 0.1);
        JudgeOutcome Wrong(bool label) => new(!label, label ? 0.1 : 0.9);
        PairOutcome[] rows =
        [
            new(true, "en", "contradiction", "It is red", "It is not red", [Right(true)]),
            new(false, "en", "neutral", "A cat", "A dog", [Wrong(false)]),
            new(false, "fr", "neutral", "Le chat", "Le chien", [Right(false)]),
            new(true, "fr", "contradiction", "x", "y", [new JudgeOutcome(null, null, "timeout")]),
            new(null, "en", "random", "u", "v", [Right(true)]),
        ];
        var result = ErrorAnalyzer.Compute(rows, ["kimera"], new StatisticsOptions());
        var kimera = result.Judges["kimera"];

        // Only the 3 labelled, judged rows count: en 1 of 2 right, fr 1 of 1; the errored fr pair is left out.
        Assert.Equal([("en", 2L, 1L), ("fr", 1L, 1L)], kimera.Language.Select(g => (g.Group, g.Pairs, g.Correct)));
        Assert.Equal([("contradiction", 1L, 1L), ("neutral", 2L, 1L)], kimera.PairType.Select(g => (g.Group, g.Pairs, g.Correct)));
        Assert.Equal([("negation", 1L, 1L), ("no negation", 2L, 1L)], kimera.Negation.Select(g => (g.Group, g.Pairs, g.Correct)));
        // Jaccard: {it,is,red} vs {it,is,not,red} = ¾; {a,cat} vs {a,dog} = ⅓; {le,chat} vs {le,chien} = ⅓.
        Assert.Equal([("[0.2, 0.5)", 2L, 1L), ("[0.5, 1]", 1L, 1L)], kimera.Overlap.Select(g => (g.Group, g.Pairs, g.Correct)));
        // Lengths of the 4 labelled rows: 3+4 = 7, 2+2 = 4, 4, 1+1 = 2 → sorted 2, 4, 4, 7; quartiles h = 0.75, 1.5, 2.25
        // → 2 + 0.75·2 = 3.5, 4, 4 + 0.25·3 = 4.75.
        Assert.Equal([3.5, 4, 4.75], result.LengthCutPoints);
        Assert.Equal([("(3.5, 4]", 2L, 1L), ("> 4.75", 1L, 1L)], kimera.Length.Select(g => (g.Group, g.Pairs, g.Correct)));
    }
}
