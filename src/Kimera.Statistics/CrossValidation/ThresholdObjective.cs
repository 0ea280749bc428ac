
namespace Kimera.Statistics.CrossValidation;

/// <summary>What the cross-validated decision threshold maximises on the training folds.</summary>
public enum ThresholdObjective
{
    /// <summary>F1 of the positive (contradiction) class.</summary>
    F1,

    /// <summary>Youden's J = true-positive rate − false-positive rate.</summary>
    YoudenJ,
}
