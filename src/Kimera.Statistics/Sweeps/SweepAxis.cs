namespace Kimera.Statistics.Sweeps;

/// <summary>One engine option swept over a range of values: which Kimera variant (judge) ran with which value.
/// The statistics then add a <c>sweep</c> section (accuracy, F1 and AUROC against the value, with their intervals).</summary>
/// <param name="Parameter">The swept option as the user wrote it (e.g. <c>resonance_threshold</c>).</param>
/// <param name="Points">The variants in increasing value order.</param>
public sealed record SweepAxis(string Parameter, IReadOnlyList<SweepPoint> Points);
