
namespace Kimera.Statistics.Curves;

/// <summary>A ROC curve as scikit-learn's <c>roc_curve</c> returns it: thresholds decrease, the first is +∞.</summary>
public sealed record RocCurve(IReadOnlyList<double> Fpr, IReadOnlyList<double> Tpr, IReadOnlyList<double> Thresholds);
