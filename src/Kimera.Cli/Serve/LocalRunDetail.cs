namespace Kimera.Cli.Serve;

/// <summary>The headline numbers of one judge of a finished run, from <c>report.json</c>'s <c>statistics.judges</c>.</summary>
/// <param name="ErrorCauses">The most frequent reasons of its errors, each with its count ("timeout (3)").</param>
public sealed record JudgeHeadline(string Judge, double? Accuracy, double? F1, double? Auroc, long Judged, long Errors, IReadOnlyList<string> ErrorCauses);

/// <summary>One run in detail (<c>GET /api/runs/{id}</c>): its summary and, when finished, each judge's headline numbers.</summary>
public sealed record LocalRunDetail(LocalRunSummary Run, IReadOnlyList<JudgeHeadline> Headline, bool HasReport);
