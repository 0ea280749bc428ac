
namespace Kimera.Engine.Geoids;

/// <summary>
/// Every threshold, penalty, confidence and word list of the Kimera engine (docs/algorithm.md: resonance, reactor, judge),
/// with the reference prototype's values as defaults. Components read the options once, when they are constructed.
/// </summary>
public sealed class KimeraEngineOptions
{
    /// <summary>Configuration section the options bind to.</summary>
    public const string SectionName = "Kimera:Engine";

    // ---- Resonance (§3) and reactor (§4) ----

    /// <summary><c>THRESH</c>: a reactor pair whose resonance is below this value leaves a scar.</summary>
    public double ResonanceThreshold { get; set; } = 0.3;

    /// <summary>Whether resonance subtracts <see cref="NegationPenalty"/> when exactly one text is negated.</summary>
    public bool NegationPenaltyEnabled { get; set; } = true;

    /// <summary>Subtracted from the resonance when exactly one of the two texts is negated (result clamped at -1).</summary>
    public double NegationPenalty { get; set; } = 0.25;

    /// <summary>Lower bound of the resonance after the negation penalty.</summary>
    public double ResonanceFloor { get; set; } = -1.0;

    /// <summary>Whether the scar penalty applies (mean weight of the union of both geoids' scars).</summary>
    public bool ScarPenaltyEnabled { get; set; } = true;

    /// <summary>Tokens (of <c>\w+</c>, lowercased) that make a text negated for the resonance penalty.
    /// The contracted forms are listed as in the original, although <c>\w+</c> never produces them (quirk).</summary>
    public IReadOnlyList<string> ResonanceNegationWords { get; set; } = DefaultResonanceNegationWords;

    /// <summary>Geoids per slice in <c>reactorCycleBatched</c>.</summary>
    public int ReactorSliceSize { get; set; } = 200;

    // ---- Contradiction judge (§5) ----

    /// <summary>Rule 1: resonance strictly above this value means "no contradiction".</summary>
    public double HighResonanceThreshold { get; set; } = 0.8;

    /// <summary>Rule 1 confidence.</summary>
    public double HighResonanceConfidence { get; set; } = 0.9;

    /// <summary>Rule 2: below this resonance the antonym rule uses <see cref="AntonymLowResonanceConfidence"/>.</summary>
    public double AntonymLowResonanceThreshold { get; set; } = 0.3;

    /// <summary>Rule 2 confidence when resonance is below <see cref="AntonymLowResonanceThreshold"/>.</summary>
    public double AntonymLowResonanceConfidence { get; set; } = 0.85;

    /// <summary>Rule 2 confidence otherwise.</summary>
    public double AntonymConfidence { get; set; } = 0.7;

    /// <summary>Rule 2: antonym pairs, each checked in both directions, by substring.</summary>
    public IReadOnlyList<(string First, string Second)> AntonymPairs { get; set; } = DefaultAntonymPairs;

    /// <summary>Rule 3: words left out of the word sets before counting shared words.</summary>
    public IReadOnlyList<string> StopWords { get; set; } = DefaultStopWords;

    /// <summary>Rule 3: at least this many shared words are needed.</summary>
    public int MinSharedWords { get; set; } = 2;

    /// <summary>Rule 3: words whose presence as a substring makes a text negated (quirk: "snow" contains "no").</summary>
    public IReadOnlyList<string> JudgeNegationWords { get; set; } = DefaultJudgeNegationWords;

    /// <summary>Rule 3: below this resonance the negation rule uses <see cref="NegationRuleLowResonanceConfidence"/>.</summary>
    public double NegationRuleLowResonanceThreshold { get; set; } = 0.4;

    /// <summary>Rule 3 confidence when resonance is below <see cref="NegationRuleLowResonanceThreshold"/>.</summary>
    public double NegationRuleLowResonanceConfidence { get; set; } = 0.75;

    /// <summary>Rule 3 confidence otherwise.</summary>
    public double NegationRuleConfidence { get; set; } = 0.6;

    /// <summary>Rule 4: resonance below this value means "unrelated, no contradiction".</summary>
    public double UnrelatedResonanceThreshold { get; set; } = 0.3;

    /// <summary>Rule 4 confidence.</summary>
    public double UnrelatedConfidence { get; set; } = 0.8;

    /// <summary>Rule 5 (nothing matched) confidence.</summary>
    public double NoContradictionConfidence { get; set; } = 0.7;

    /// <summary>The 16 negation words of the resonance (docs/algorithm.md, "Resonance").</summary>
    public static IReadOnlyList<string> DefaultResonanceNegationWords { get; } =
    [
        "not", "no", "never", "cannot", "can't", "won't", "doesn't", "isn't", "aren't", "wasn't",
        "weren't", "don't", "didn't", "hasn't", "haven't", "hadn't",
    ];

    /// <summary>The resonance list plus none, neither, nor (docs/algorithm.md, "The Kimera judge", rule 3).</summary>
    public static IReadOnlyList<string> DefaultJudgeNegationWords { get; } =
        [.. DefaultResonanceNegationWords, "none", "neither", "nor"];

    /// <summary>Rule 3 stop words (docs/algorithm.md, "The Kimera judge").</summary>
    public static IReadOnlyList<string> DefaultStopWords { get; } = ["the", "a", "an", "is", "are", "in", "on", "at"];

    /// <summary>Rule 2 antonym pairs (docs/algorithm.md, "The Kimera judge"; order as in the original list).</summary>
    public static IReadOnlyList<(string First, string Second)> DefaultAntonymPairs { get; } =
    [
        ("hot", "cold"), ("black", "white"), ("true", "false"), ("round", "flat"),
        ("can", "cannot"), ("is", "is not"), ("are", "are not"), ("fly", "cannot fly"),
    ];

    /// <summary>Throws when a value is out of range; the message names the option and the value.</summary>
    public void Validate()
    {
        RequireFinite(ResonanceThreshold, nameof(ResonanceThreshold));
        RequireFinite(ResonanceFloor, nameof(ResonanceFloor));
        RequireFinite(HighResonanceThreshold, nameof(HighResonanceThreshold));
        RequireFinite(AntonymLowResonanceThreshold, nameof(AntonymLowResonanceThreshold));
        RequireFinite(NegationRuleLowResonanceThreshold, nameof(NegationRuleLowResonanceThreshold));
        RequireFinite(UnrelatedResonanceThreshold, nameof(UnrelatedResonanceThreshold));
        if (!double.IsFinite(NegationPenalty) || NegationPenalty < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(NegationPenalty), NegationPenalty, $"{nameof(NegationPenalty)} must be a finite number >= 0, got {NegationPenalty}.");
        }

        RequireProbability(HighResonanceConfidence, nameof(HighResonanceConfidence));
        RequireProbability(AntonymLowResonanceConfidence, nameof(AntonymLowResonanceConfidence));
        RequireProbability(AntonymConfidence, nameof(AntonymConfidence));
        RequireProbability(NegationRuleLowResonanceConfidence, nameof(NegationRuleLowResonanceConfidence));
        RequireProbability(NegationRuleConfidence, nameof(NegationRuleConfidence));
        RequireProbability(UnrelatedConfidence, nameof(UnrelatedConfidence));
        RequireProbability(NoContradictionConfidence, nameof(NoContradictionConfidence));
        if (ReactorSliceSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ReactorSliceSize), ReactorSliceSize, $"{nameof(ReactorSliceSize)} must be at least 1, got {ReactorSliceSize}.");
        }

        if (MinSharedWords < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinSharedWords), MinSharedWords, $"{nameof(MinSharedWords)} must be >= 0, got {MinSharedWords}.");
        }

        RequireWords(ResonanceNegationWords, nameof(ResonanceNegationWords));
        RequireWords(JudgeNegationWords, nameof(JudgeNegationWords));
        RequireWords(StopWords, nameof(StopWords));
        ArgumentNullException.ThrowIfNull(AntonymPairs, nameof(AntonymPairs));
        foreach (var (first, second) in AntonymPairs)
        {
            if (first is null || second is null)
            {
                throw new ArgumentException($"{nameof(AntonymPairs)} contains a pair with a null word: ({first ?? "null"}, {second ?? "null"}).", nameof(AntonymPairs));
            }
        }
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number, got {value}.");
        }
    }

    private static void RequireProbability(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1], got {value}.");
        }
    }

    private static void RequireWords(IReadOnlyList<string> words, string name)
    {
        ArgumentNullException.ThrowIfNull(words, name);
        if (words.Any(w => w is null))
        {
            throw new ArgumentException($"{name} contains a null word.", name);
        }
    }
}
