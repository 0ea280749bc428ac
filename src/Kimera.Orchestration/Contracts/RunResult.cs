namespace Kimera.Orchestration.Contracts;

/// <summary>Output of the orchestration: a small summary; the full report stays in the run's store (<c>report.json</c>).</summary>
public sealed record RunResult(
    string RunId,
    string Dataset,
    string Shape,
    int Pairs,
    long Labelled,
    int Chunks,
    long BadRows,
    IReadOnlyDictionary<string, JudgeHeadline> Judges);
