namespace Kimera.Reporting.Examples;

/// <summary>A pair shown in the report's examples: its texts, gold label and every judge's verdict on it.</summary>
/// <param name="PairId">The pair's id (<c>pair_id</c>); null when the table has none.</param>
/// <param name="Row">1-based position of the pair in the results table (<c>pairs.csv</c> order), which breaks ties between pairs without an id.</param>
/// <param name="Label">Gold label (true = contradiction); null when unlabelled.</param>
/// <param name="Resonance">Kimera's raw resonance, when recorded.</param>
/// <param name="Verdicts">The verdicts of the judges that judged the pair, in judge order.</param>
public sealed record ExamplePair(
    string? PairId,
    long Row,
    string? Text1,
    string? Text2,
    bool? Label,
    string? Lang,
    string? Type,
    double? Resonance,
    IReadOnlyList<ExampleVerdict> Verdicts);
