using System.Globalization;

namespace Kimera.Reporting.Model;

/// <summary>The sample of a run (report.json → <c>dataset.sample</c>): the pairs asked for with <c>--sample</c> (the HTTP
/// body's <c>sample</c>), null without one, and the pairs taken into the plan.</summary>
/// <param name="Asked">The sample size asked for; null when the run took every pair (or the first <c>--max-pairs</c>).</param>
/// <param name="Taken">The pairs planned and judged.</param>
public sealed record SampleReport(int? Asked, long Taken)
{
    /// <summary>True when the sample asked for more pairs than the dataset has, so every pair was taken (not written to JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool AskedForMoreThanTheDatasetHas => Asked is { } asked && asked > Taken;

    /// <summary>"asked for more pairs than the dataset has (50): all 50 are judged", when <see cref="AskedForMoreThanTheDatasetHas"/>;
    /// null otherwise. Each front end puts its own name of the option before it (<c>--sample 1000</c>).</summary>
    public string? ShortfallText() =>
        AskedForMoreThanTheDatasetHas
            ? string.Create(CultureInfo.InvariantCulture, $"asked for more pairs than the dataset has ({Taken:N0}): all {Taken:N0} are judged")
            : null;
}
