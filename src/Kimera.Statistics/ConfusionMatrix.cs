using System.Text.Json.Serialization;

namespace Kimera.Statistics;

/// <summary>Counts of a binary judge against the gold labels, with the metrics derived from them.</summary>
/// <remarks>
/// A ratio whose denominator is zero is defined as 0 (scikit-learn's <c>zero_division=0</c>), except accuracy,
/// which is null when there is nothing to count.
/// </remarks>
public sealed record ConfusionMatrix(
    [property: JsonPropertyName("tp")] long Tp,
    [property: JsonPropertyName("fp")] long Fp,
    [property: JsonPropertyName("tn")] long Tn,
    [property: JsonPropertyName("fn")] long Fn)
{
    [JsonIgnore]
    public long Total => Tp + Fp + Tn + Fn;

    [JsonIgnore]
    public double? Accuracy => Total == 0 ? null : (double)(Tp + Tn) / Total;

    [JsonIgnore]
    public double Precision => Ratio(Tp, Tp + Fp);

    [JsonIgnore]
    public double Recall => Ratio(Tp, Tp + Fn);

    /// <summary>F1 of the positive class, 2tp / (2tp + fp + fn).</summary>
    [JsonIgnore]
    public double F1 => F1Of(Tp, Fp, Fn);

    /// <summary>Mean of the F1 of the positive class and the F1 of the negative class.</summary>
    [JsonIgnore]
    public double MacroF1 => (F1Of(Tp, Fp, Fn) + F1Of(Tn, Fn, Fp)) / 2;

    /// <summary>Counts the verdicts against the labels.</summary>
    public static ConfusionMatrix From(ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predictions)
    {
        if (labels.Length != predictions.Length)
        {
            throw new ArgumentException($"Labels ({labels.Length}) and predictions ({predictions.Length}) differ in length.", nameof(predictions));
        }

        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            switch (labels[i], predictions[i])
            {
                case (true, true): tp++; break;
                case (false, true): fp++; break;
                case (false, false): tn++; break;
                default: fn++; break;
            }
        }

        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    internal static double F1Of(long tp, long fp, long fn)
    {
        var denominator = (2 * tp) + fp + fn;
        return denominator == 0 ? 0 : 2.0 * tp / denominator;
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
