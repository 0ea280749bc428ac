using System.Text.Json.Serialization;

namespace Kimera.Statistics.Comparisons;

/// <summary>Agreement of two judges' verdicts on the pairs both judged (labels not needed).</summary>
/// <param name="Pairs">Pairs both judges gave a verdict on.</param>
/// <param name="Agreement">Share of those pairs with the same verdict; null without pairs.</param>
/// <param name="CohenKappa">(pₒ − pₑ)/(1 − pₑ); null when pₑ = 1 (both judges constant and equal) or without pairs.</param>
public sealed record AgreementResult(
    [property: JsonPropertyName("pairs")] long Pairs,
    [property: JsonPropertyName("agreement")] double? Agreement,
    [property: JsonPropertyName("cohen_kappa")] double? CohenKappa);
