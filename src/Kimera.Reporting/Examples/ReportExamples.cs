namespace Kimera.Reporting.Examples;

/// <summary>
/// The <c>examples</c> of report.json: each judge's most typical mistakes and pairs where two judges disagree, chosen by the
/// deterministic rules of <c>ExampleCollector</c> (Kimera.Pipeline) (also in docs/architecture.md, "Report examples").
/// </summary>
/// <param name="PerKind">The most pairs kept for each list.</param>
/// <param name="Mistakes">One entry per judge, in judge order.</param>
/// <param name="Disagreements">Kimera against the LLM (else the first two judges); null with a single judge.</param>
public sealed record ReportExamples(int PerKind, IReadOnlyList<JudgeMistakes> Mistakes, JudgeDisagreements? Disagreements);
