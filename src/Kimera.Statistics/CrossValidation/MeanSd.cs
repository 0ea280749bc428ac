using System.Text.Json.Serialization;

namespace Kimera.Statistics.CrossValidation;

/// <summary>Mean and sample standard deviation (n − 1) over folds; sd is null with one value.</summary>
public sealed record MeanSd(
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("sd")] double? Sd)
{
    /// <summary>Mean and sample sd of the values.</summary>
    public static MeanSd Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("Mean of no values.", nameof(values));
        }

        var mean = values.Average();
        if (values.Count == 1)
        {
            return new MeanSd(mean, null);
        }

        var sum = values.Sum(v => (v - mean) * (v - mean));
        return new MeanSd(mean, Math.Sqrt(sum / (values.Count - 1)));
    }
}
