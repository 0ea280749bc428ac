
namespace Kimera.Statistics.Curves;

/// <summary>
/// A precision–recall curve as scikit-learn's <c>precision_recall_curve</c> returns it: thresholds increase,
/// and precision/recall carry one more point, the (precision 1, recall 0) end, than there are thresholds.
/// </summary>
public sealed record PrecisionRecallCurve(IReadOnlyList<double> Precision, IReadOnlyList<double> Recall, IReadOnlyList<double> Thresholds);
