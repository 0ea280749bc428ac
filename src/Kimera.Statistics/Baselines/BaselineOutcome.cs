using System.Text.Json.Serialization;

namespace Kimera.Statistics.Baselines;

/// <summary>How a judge compares with a baseline: shown better, not shown different, or shown worse.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BaselineOutcome>))]
public enum BaselineOutcome
{
    /// <summary>Shown better than the baseline at 1 − the confidence level.</summary>
    [JsonStringEnumMemberName("better")]
    Better,

    /// <summary>Not shown different from the baseline: no better than it.</summary>
    [JsonStringEnumMemberName("no_better")]
    NoBetter,

    /// <summary>Shown worse than the baseline.</summary>
    [JsonStringEnumMemberName("worse")]
    Worse,
}
