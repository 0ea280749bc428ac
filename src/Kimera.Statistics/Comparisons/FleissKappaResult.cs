using System.Text.Json.Serialization;

namespace Kimera.Statistics.Comparisons;

/// <summary>Fleiss' kappa: agreement of n raters (judges, or repeats of one judge) beyond chance, over N subjects (pairs).</summary>
/// <param name="Subjects">N, the subjects every rater rated.</param>
/// <param name="Raters">n, the ratings of each subject.</param>
/// <param name="ObservedAgreement">P̄, the mean over subjects of the share of rater pairs that agree.</param>
/// <param name="ChanceAgreement">P̄ₑ = Σⱼ pⱼ², with pⱼ the share of all ratings in category j.</param>
/// <param name="Kappa">(P̄ − P̄ₑ) / (1 − P̄ₑ); null when P̄ₑ = 1 (every rating in one category: agreement is not informative).</param>
public sealed record FleissKappaResult(
    [property: JsonPropertyName("subjects")] long Subjects,
    [property: JsonPropertyName("raters")] int Raters,
    [property: JsonPropertyName("observed_agreement")] double ObservedAgreement,
    [property: JsonPropertyName("chance_agreement")] double ChanceAgreement,
    [property: JsonPropertyName("kappa")] double? Kappa);
