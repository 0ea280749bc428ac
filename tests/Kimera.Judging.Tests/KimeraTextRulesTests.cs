using Kimera.Engine.Geoids;
using Kimera.Judging.Detector;

namespace Kimera.Judging.Tests;

/// <summary>Expected values are what the prototype's extract_core_claim / detect_*_contradiction return in CPython 3.</summary>
public sealed class KimeraTextRulesTests
{
    private static readonly IReadOnlySet<string> Stop = new HashSet<string>(KimeraEngineOptions.DefaultStopWords);

    [Theory]
    [InlineData("The sky is blue", "the", "sky is blue")]               // quirk: anchored pattern fails on "the sky"
    [InlineData("Sky is blue", "sky", "blue")]
    [InlineData("  Cats are   cute  ", "cats", "cute")]                // strip, then \s+ absorbs the run
    [InlineData("Birds can fly", "birds", "fly")]
    [InlineData("Penguins cannot fly", "penguins", "fly")]              // "can" then \s+ fails, backtrack to "cannot"
    [InlineData("Dogs have fur", "dogs", "fur")]
    [InlineData("Fish lives in water", "fish", "in water")]             // "live" then \s+ fails on "s", so "lives"
    [InlineData("Fire is hot. Ice is cold", "fire", "hot. ice is cold")] // anchored at the start only
    [InlineData("Fire is hot\nice is cold", "fire", "hot")]             // "." does not match a newline
    [InlineData("Fire   burns\thot", "fire", "burns hot")]              // fallback: rest joined by single spaces
    [InlineData("Sky island", "sky", "island")]                         // "is" must be followed by whitespace
    [InlineData("Hot", "hot", "")]
    [InlineData("", "", "")]
    public void Core_claim_follows_the_prototype(string text, string subject, string predicate)
    {
        Assert.Equal((subject, predicate), KimeraTextRules.ExtractCoreClaim(text));
    }

    [Fact]
    public void Antonym_rule_needs_equal_subjects_and_matches_substrings_in_both_directions()
    {
        var pairs = KimeraEngineOptions.DefaultAntonymPairs;
        Assert.Equal(("water", "hot", "cold"), KimeraTextRules.FindAntonym("water is hot", "water is cold", pairs));
        Assert.Equal(("water", "cold", "hot"), KimeraTextRules.FindAntonym("water is cold", "water is hot", pairs));
        Assert.Equal(("the", "is", "is not"), KimeraTextRules.FindAntonym("the sky is blue", "the sky is not blue", pairs));
        Assert.Null(KimeraTextRules.FindAntonym("fire is hot", "ice is cold", pairs));
        // "hotel" contains "hot": substring matching.
        Assert.Equal(("we", "hot", "cold"), KimeraTextRules.FindAntonym("we stay at a hotel", "we stay cold", pairs));
        // Quirk: both predicates say "is not", yet "is" is a substring of "is not".
        Assert.Equal(("the", "is", "is not"), KimeraTextRules.FindAntonym("the sky is not blue", "the sky is not green", pairs));
    }

    [Fact]
    public void Negation_rule_counts_shared_words_after_stop_words_and_matches_negation_substrings()
    {
        var negations = KimeraEngineOptions.DefaultJudgeNegationWords;
        Assert.Equal((2, "not"), KimeraTextRules.FindNegation("water is not hot", "water is hot", Stop, 2, negations));
        // "the" is a stop word, so only "sat" is shared.
        Assert.Null(KimeraTextRules.FindNegation("the cat sat", "the dog never sat", Stop, 2, negations));
        Assert.Equal((1, "never"), KimeraTextRules.FindNegation("the cat sat", "the dog never sat", Stop, 1, negations));
        // Words keep punctuation: "hot." is not "hot".
        Assert.Null(KimeraTextRules.FindNegation("water is not hot.", "water is hot", Stop, 2, negations));
        // Both negated: no contradiction.
        Assert.Null(KimeraTextRules.FindNegation("doors never open today", "doors cannot open today", Stop, 2, negations));
        // Quirks: "snow" contains "no", "nothing" contains "not"; the extended list has "neither" and "nor".
        Assert.Equal((2, "no"), KimeraTextRules.FindNegation("the snow covers the mountain", "the rain covers the mountain", Stop, 2, negations));
        Assert.Equal((2, "not"), KimeraTextRules.FindNegation("nothing grows in the desert", "cactus grows in the desert", Stop, 2, negations));
        Assert.Equal((3, "neither"), KimeraTextRules.FindNegation("neither option works well", "this option works well", Stop, 2, negations));
        // "north" is negated too; the first listed word found is "no" ("nor" and "none" always contain "no").
        Assert.Equal((2, "no"), KimeraTextRules.FindNegation("north winds blow", "south winds blow", Stop, 2, negations));
    }
}
