using System.Text.Json.Serialization;

namespace Kimera.Reporting.RunComparisons;

/// <summary>Pairs one run has and the other has not (matched by pair id), left out of every comparison.</summary>
/// <param name="PairIds">Every such pair id, in the run's row order.</param>
public sealed record PairsInOneRun(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("pair_ids")] IReadOnlyList<string> PairIds);
