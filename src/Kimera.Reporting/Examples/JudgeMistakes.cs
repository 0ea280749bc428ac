namespace Kimera.Reporting.Examples;

/// <summary>A judge's most typical mistakes on labelled pairs (<c>ExampleCollector</c> (Kimera.Pipeline) gives the rule).</summary>
/// <param name="Judge">The judge.</param>
/// <param name="MissedContradictions">False negatives: labelled contradictions it called compatible, most confident first.</param>
/// <param name="FalseAlarms">False positives: labelled non-contradictions it called contradictions, most confident first.</param>
/// <param name="MissedCount">How many false negatives there are in all.</param>
/// <param name="FalseAlarmCount">How many false positives there are in all.</param>
public sealed record JudgeMistakes(
    string Judge,
    IReadOnlyList<ExamplePair> MissedContradictions,
    IReadOnlyList<ExamplePair> FalseAlarms,
    long MissedCount,
    long FalseAlarmCount);
