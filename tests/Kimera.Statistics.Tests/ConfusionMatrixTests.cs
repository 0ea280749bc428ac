namespace Kimera.Statistics.Tests;

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void Metrics_follow_from_the_counts()
    {
        // labels/preds: (T,T)×3, (F,T)×1, (F,F)×4, (T,F)×2 → tp 3, fp 1, tn 4, fn 2.
        bool[] labels = [true, true, true, false, false, false, false, false, true, true];
        bool[] preds = [true, true, true, true, false, false, false, false, false, false];
        var m = ConfusionMatrix.From(labels, preds);
        Assert.Equal(new ConfusionMatrix(3, 1, 4, 2), m);
        Assert.Equal(0.7, m.Accuracy!.Value, 12);        // 7/10
        Assert.Equal(0.75, m.Precision, 12);             // 3/4
        Assert.Equal(0.6, m.Recall, 12);                 // 3/5
        Assert.Equal(6.0 / 9, m.F1, 12);                 // 2·3/(6+1+2)
        // Negative-class F1 = 2·4/(8+2+1) = 8/11; macro = (2/3 + 8/11)/2 = 23/33.
        Assert.Equal(23.0 / 33, m.MacroF1, 12);
    }

    [Fact]
    public void Zero_division_is_defined_as_zero()
    {
        var noPositivePredictions = new ConfusionMatrix(0, 0, 5, 3);
        Assert.Equal(0, noPositivePredictions.Precision);
        Assert.Equal(0, noPositivePredictions.F1);
        Assert.Null(new ConfusionMatrix(0, 0, 0, 0).Accuracy);
    }
}
