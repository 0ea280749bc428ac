namespace Kimera.Judging.Detector;

/// <summary>Which rule of the Kimera judge (docs/algorithm.md) decided a pair, in the order they are tried.</summary>
public enum KimeraRule
{
    /// <summary>Rule 1: resonance above the high threshold, no contradiction.</summary>
    HighResonance = 1,

    /// <summary>Rule 2: antonymous predicates about the same subject, contradiction.</summary>
    Antonym = 2,

    /// <summary>Rule 3: shared words and exactly one negated text, contradiction.</summary>
    Negation = 3,

    /// <summary>Rule 4: low resonance, unrelated, no contradiction.</summary>
    LowResonance = 4,

    /// <summary>Rule 5: nothing matched, no contradiction.</summary>
    NoContradiction = 5,
}
