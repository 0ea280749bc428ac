namespace Kimera.Cli.Serve;

/// <summary>The headline numbers of one judge of a finished run, from <c>report.json</c>'s <c>statistics.judges</c>.</summary>
/// <param name="ErrorCauses">The most frequent reasons of its errors, each with its count ("timeout (3)").</param>
public sealed record JudgeHeadline(string Judge, double? Accuracy, double? F1, double? Auroc, long Judged, long Errors, IReadOnlyList<string> ErrorCauses);

/// <summary>One of a judge's most typical mistakes, from <c>report.json</c>'s <c>examples.mistakes</c> (the report's "Typical
/// mistakes"): a missed contradiction or a false alarm, with the judge's score and reason.</summary>
/// <param name="Kind"><c>missed</c> (a labelled contradiction called compatible) or <c>false_alarm</c> (the reverse).</param>
public sealed record RunExample(string Judge, string Kind, string PairId, string Text1, string Text2, double? Score, string? Reasoning);

/// <summary>One run in detail (<c>GET /api/runs/{id}</c>): its summary and, when finished, each judge's headline numbers
/// and its most typical mistakes (at most <see cref="RunFolderReader.ExamplesPerKind"/> of each kind per judge).</summary>
public sealed record LocalRunDetail(LocalRunSummary Run, IReadOnlyList<JudgeHeadline> Headline, bool HasReport, IReadOnlyList<RunExample> Examples);
