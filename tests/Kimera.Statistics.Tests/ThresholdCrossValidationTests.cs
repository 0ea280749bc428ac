using Kimera.Statistics.CrossValidation;

namespace Kimera.Statistics.Tests;

public sealed class ThresholdCrossValidationTests
{
    [Fact]
    public void Unshuffled_folds_deal_positives_then_negatives_round_robin()
    {
        // Positives at 0, 2, 3, 7 → folds 0, 1, 2, 0; the cycle continues at 1 for negatives 1, 4, 5, 6, 8 → 1, 2, 0, 1, 2.
        bool[] labels = [true, false, true, true, false, false, false, true, false];
        var folds = ThresholdCrossValidation.AssignFolds(labels, 3, seed: 42, shuffle: false);
        Assert.Equal([0, 1, 1, 2, 2, 0, 1, 0, 2], folds);
    }

    [Fact]
    public void Shuffled_folds_are_seeded_and_stay_stratified()
    {
        var labels = Enumerable.Range(0, 103).Select(i => i % 3 == 0).ToArray(); // 35 positives, 68 negatives
        var first = ThresholdCrossValidation.AssignFolds(labels, 5, seed: 7, shuffle: true);
        var again = ThresholdCrossValidation.AssignFolds(labels, 5, seed: 7, shuffle: true);
        var other = ThresholdCrossValidation.AssignFolds(labels, 5, seed: 8, shuffle: true);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        for (var fold = 0; fold < 5; fold++)
        {
            // 35 positives → 7 per fold; 68 negatives continue the cycle at fold 0 → 14 each, plus one for folds 0..2.
            Assert.Equal(7, Enumerable.Range(0, 103).Count(i => first[i] == fold && labels[i]));
            Assert.Equal(fold < 3 ? 14 : 13, Enumerable.Range(0, 103).Count(i => first[i] == fold && !labels[i]));
        }
    }

    [Theory]
    [InlineData(ThresholdObjective.F1, 0.6)]
    [InlineData(ThresholdObjective.YoudenJ, 0.8)]
    public void Best_threshold_maximises_the_objective_and_ties_go_to_the_higher_threshold(ThresholdObjective objective, double expected)
    {
        // labels 1 1 0 1 0 0 at scores .9 .8 .7 .6 .4 .2.
        // F1 at ≥ .9, .8, .7, .6, .4, .2 = 2/4, 4/5, 4/6, 6/7, 6/8, 6/9 → best .6.
        // J = tpr − fpr = 1/3, 2/3, 1/3, 2/3, 1/3, 0 → tie between .8 and .6 → .8.
        bool[] labels = [true, true, false, true, false, false];
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.2];
        Assert.Equal(expected, ThresholdCrossValidation.BestThreshold(labels, scores, objective));
    }

    [Fact]
    public void Two_fold_cross_validation_matches_the_hand_computation()
    {
        // Unshuffled folds: positives 0,2,4,6 → 0,1,0,1; negatives 1,3,5,7 → 0,1,0,1.
        // Fold 0 = {T .9, F .1, T .4, F .6}; fold 1 = {T .8, F .3, T .7, F .2}.
        // Test 0, train 1: F1 at .8 = 2/3, at .7 = 1 → t = .7; on fold 0: tp(.9) tn(.1) fn(.4) tn(.6) → acc ¾, p 1, r ½, F1 ⅔.
        // Test 1, train 0: F1 at .9 = ⅔, .6 = ½, .4 = ⅘, .1 = ⅔ → t = .4; on fold 1 all right → acc 1, F1 1.
        // Means: acc .875 (sd √(2·.125²) = .1767767), F1 ⅚, threshold .55 (sd √(2·.15²) = .2121320).
        bool[] labels = [true, false, true, false, true, false, true, false];
        double[] scores = [0.9, 0.1, 0.8, 0.3, 0.4, 0.6, 0.7, 0.2];
        var result = ThresholdCrossValidation.Run("kimera", labels, scores, 2, 42, ThresholdObjective.F1, shuffle: false)!;
        Assert.Equal(0.7, result.Folds[0].Threshold);
        Assert.Equal(0.4, result.Folds[1].Threshold);
        Assert.Equal(0.75, result.Folds[0].Accuracy, 12);
        Assert.Equal(0.5, result.Folds[0].Recall, 12);
        Assert.Equal(1, result.Folds[1].F1, 12);
        Assert.Equal(0.875, result.Accuracy.Mean, 12);
        Assert.Equal(0.1767766952966369, result.Accuracy.Sd!.Value, 12);
        Assert.Equal(5.0 / 6, result.F1.Mean, 12);
        Assert.Equal(0.55, result.Threshold.Mean, 12);
        Assert.Equal(0.2121320343559642, result.Threshold.Sd!.Value, 12);
    }
}
