namespace Kimera.Orchestration.Contracts;

/// <summary>A judge's headline numbers in <see cref="RunResult"/> (null where undefined, e.g. no labels).</summary>
public sealed record JudgeHeadline(double? Accuracy, double? F1, double? Auroc, long Errors);
