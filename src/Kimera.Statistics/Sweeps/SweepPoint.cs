namespace Kimera.Statistics.Sweeps;

/// <summary>One value of a <see cref="SweepAxis"/> and the judge (column prefix in <c>pairs.csv</c>) that ran with it.</summary>
public sealed record SweepPoint(string Judge, double Value);
