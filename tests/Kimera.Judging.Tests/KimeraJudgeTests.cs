using Kimera.Engine.Geoids;
using Kimera.Engine.Reactor;
using Kimera.Judging.Detector;

namespace Kimera.Judging.Tests;

/// <summary>
/// Resonance is steered with hand-made 2-D vectors: cos([1,0],[0,1]) = 0, cos([1,0],[7,24]) = 0.28,
/// cos([1,0],[3,4]) = 0.6, cos([1,0],[4,3]) = 0.8, cos([3,4],[4,3]) = 0.96.
/// </summary>
public sealed class KimeraJudgeTests
{
    private readonly KimeraJudge _judge = new();

    private static Geoid G(string text, params float[] vector) => new(text, "en", vector);

    private KimeraDetection Detect(string first, float[] v1, string second, float[] v2) => _judge.Detect(G(first, v1), G(second, v2));

    [Fact]
    public void Judge_is_named_kimera()
    {
        Assert.Equal("kimera", _judge.Name);
    }

    [Fact]
    public void High_resonance_means_no_contradiction_with_confidence_point_nine()
    {
        // Negated: 0.96 - 0.25 = 0.71, not high; predicates "nice"/"not nice" hold no antonym pair,
        // so the negation rule decides. Without negation the same vectors are high:
        var d = Detect("Cats are nice", [3, 4], "Cats are not nice", [4, 3]);
        Assert.Equal(KimeraRule.Negation, d.Rule);
        var high = Detect("Water is hot", [3, 4], "Water is cold", [4, 3]);
        Assert.Equal(KimeraRule.HighResonance, high.Rule);
        Assert.False(high.IsContradiction);
        Assert.Equal(0.9, high.Confidence);
        Assert.Equal(0.96, high.Resonance, 12);
        Assert.Equal("High resonance (0.960) indicates compatibility", high.Judgement.Reasoning);
    }

    [Fact]
    public void Resonance_exactly_at_the_high_threshold_is_not_high()
    {
        // r = 4/5 = 0.8, and the rule needs r > 0.8; "hot"/"cold" then decides.
        var d = Detect("Water is hot", [1, 0], "Water is cold", [4, 3]);
        Assert.Equal(0.8, d.Resonance);
        Assert.Equal(KimeraRule.Antonym, d.Rule);
        Assert.Equal(0.7, d.Confidence);
    }

    [Theory]
    [InlineData(0f, 1f, 0.85)]  // r = 0 < 0.3
    [InlineData(7f, 24f, 0.85)] // r = 0.28 < 0.3
    [InlineData(3f, 4f, 0.7)]   // r = 0.6
    public void Antonym_rule_is_a_contradiction_with_resonance_dependent_confidence(float x, float y, double confidence)
    {
        var d = Detect("Water is hot", [1, 0], "Water is cold", [x, y]);
        Assert.Equal(KimeraRule.Antonym, d.Rule);
        Assert.True(d.IsContradiction);
        Assert.Equal(confidence, d.Confidence);
        Assert.StartsWith("Antonymous predicates about same subject 'water' ('hot' vs 'cold'", d.Judgement.Reasoning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sky_is_blue_has_subject_the_and_still_meets_is_not()
    {
        // Subjects "the"/"the", predicates "sky is blue"/"sky is not blue": pair ("is", "is not").
        // r = 0.96 - 0.25 (one negated) = 0.71 >= 0.3 -> 0.7.
        var d = Detect("The sky is blue", [3, 4], "The sky is not blue", [4, 3]);
        Assert.Equal(KimeraRule.Antonym, d.Rule);
        Assert.Equal(0.7, d.Confidence);
        Assert.Equal(0.71, d.Resonance, 12);
        Assert.Contains("'the'", d.Judgement.Reasoning, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_the_quirk_makes_unrelated_sentences_with_antonyms_contradict()
    {
        var d = Detect("The cat is black", [1, 0], "The dog is white", [0, 1]);
        Assert.Equal(KimeraRule.Antonym, d.Rule);
        Assert.True(d.IsContradiction);
        Assert.Equal(0.85, d.Confidence);
    }

    [Theory]
    [InlineData(0f, 1f, 0.75)] // r = 0 - 0.25 = -0.25 < 0.4
    [InlineData(3f, 4f, 0.6)]  // r = 0.96 - 0.25 = 0.71 >= 0.4
    public void Negation_rule_is_a_contradiction_with_resonance_dependent_confidence(float x, float y, double confidence)
    {
        // Antonym rule does not fire ("not hot" vs "hot" has no pair), negation rule does: shared {water, hot}.
        var d = Detect("Water is not hot", [4, 3], "Water is hot", [x, y]);
        Assert.Equal(KimeraRule.Negation, d.Rule);
        Assert.True(d.IsContradiction);
        Assert.Equal(confidence, d.Confidence);
        Assert.StartsWith("One statement negates the other ('not', 2 shared words", d.Judgement.Reasoning, StringComparison.Ordinal);
    }

    [Fact]
    public void Negation_rule_boundary_is_strictly_below_point_four()
    {
        // r = 0.6 - 0.25 = 0.35 < 0.4 -> 0.75;  with r = 0.8 - 0.25 = 0.55 -> 0.6.
        Assert.Equal(0.75, Detect("Water is not hot", [1, 0], "Water is hot", [3, 4]).Confidence);
        Assert.Equal(0.6, Detect("Water is not hot", [1, 0], "Water is hot", [4, 3]).Confidence);
    }

    [Fact]
    public void Birds_can_fly_versus_cannot_fly_is_caught_by_the_negation_rule_not_the_antonym_rule()
    {
        // Both predicates are "fly" (the keyword is consumed by the pattern), so no antonym;
        // "cannot" contains "not" and the texts share {birds, fly}.
        var d = Detect("Birds can fly", [1, 0], "Birds cannot fly", [7, 24]);
        Assert.Equal(KimeraRule.Negation, d.Rule);
        Assert.Equal(0.75, d.Confidence); // r = 0.28 - 0.25 = 0.03
    }

    [Fact]
    public void Snow_counts_as_negated_because_it_contains_no()
    {
        // Resonance sees no negation (token "snow"), r = 0.6; the judge sees "no" inside "snow".
        var d = Detect("The snow covers the mountain", [1, 0], "The rain covers the mountain", [3, 4]);
        Assert.Equal(0.6, d.Resonance, 12);
        Assert.Equal(KimeraRule.Negation, d.Rule);
        Assert.Equal(0.6, d.Confidence);
        Assert.Contains("'no'", d.Judgement.Reasoning, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_counts_as_negated_because_it_contains_not()
    {
        var d = Detect("Nothing grows in the desert", [1, 0], "Cactus grows in the desert", [7, 24]);
        Assert.Equal(0.28, d.Resonance, 12);
        Assert.Equal(KimeraRule.Negation, d.Rule);
        Assert.Equal(0.75, d.Confidence);
        Assert.Contains("'not'", d.Judgement.Reasoning, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_texts_negated_is_no_contradiction_and_low_resonance_means_unrelated()
    {
        // Both negated: no penalty, r = 0 -> rule 4.
        var d = Detect("Doors never open today", [1, 0], "Doors cannot open today", [0, 1]);
        Assert.Equal(KimeraRule.LowResonance, d.Rule);
        Assert.False(d.IsContradiction);
        Assert.Equal(0.8, d.Confidence);
        Assert.Equal("Low resonance (0.000) but no logical contradiction - just unrelated", d.Judgement.Reasoning);
    }

    [Fact]
    public void Nothing_matched_and_middle_resonance_means_no_contradiction_with_point_seven()
    {
        var d = Detect("Quantum physics is hard", [1, 0], "Chocolate cake tastes good", [3, 4]);
        Assert.Equal(KimeraRule.NoContradiction, d.Rule);
        Assert.False(d.IsContradiction);
        Assert.Equal(0.7, d.Confidence);
        Assert.Equal("No contradiction detected (resonance: 0.600)", d.Judgement.Reasoning);
    }

    [Fact]
    public void Score_is_confidence_for_a_contradiction_and_one_minus_confidence_otherwise()
    {
        Assert.Equal(0.85, Detect("Water is hot", [1, 0], "Water is cold", [0, 1]).Judgement.Score);
        Assert.Equal(0.2, Detect("Quantum physics", [1, 0], "Chocolate cake", [0, 1]).Judgement.Score!.Value, 12);
        Assert.Equal(0.1, Detect("Water is hot", [3, 4], "Water is cold", [4, 3]).Judgement.Score!.Value, 12);
    }

    [Fact]
    public void Every_threshold_and_confidence_is_configurable()
    {
        var judge = new KimeraJudge(new KimeraEngineOptions
        {
            HighResonanceThreshold = 0.99,
            NoContradictionConfidence = 0.65,
            AntonymLowResonanceThreshold = 0.7,
            AntonymLowResonanceConfidence = 0.95,
            NegationPenaltyEnabled = false,
            MinSharedWords = 3,
        });
        // 0.96 is no longer high; no rule matches -> rule 5 with the custom confidence.
        var rest = judge.Detect(G("Cats purr", 3, 4), G("Dogs bark", 4, 3));
        Assert.Equal((KimeraRule.NoContradiction, 0.65), (rest.Rule, rest.Confidence));
        // r = 0.6 < 0.7 -> custom antonym confidence.
        Assert.Equal(0.95, judge.Detect(G("Water is hot", 1, 0), G("Water is cold", 3, 4)).Confidence);
        // Only 2 shared words now: the negation rule no longer fires; no penalty either, r = 0.6 -> rule 5.
        var negation = judge.Detect(G("Water is not hot", 1, 0), G("Water is hot", 3, 4));
        Assert.Equal(KimeraRule.NoContradiction, negation.Rule);
        Assert.Equal(0.6, negation.Resonance, 12);
    }

    [Fact]
    public void Judge_many_keeps_order_and_turns_an_unjudgeable_pair_into_a_failure()
    {
        JudgeInput[] pairs =
        [
            new("p1", G("Water is hot", 1, 0), G("Water is cold", 0, 1)),
            new("p2", G("Bad", 1, 0), G("Vector", 1, 0, 0)),
            new("p3", G("Cats purr", 3, 4), G("Dogs bark", 4, 3)),
        ];
        var results = await_(_judge.JudgeManyAsync(pairs));
        Assert.Equal(3, results.Count);
        Assert.Equal((true, 0.85), (results[0].IsContradiction!.Value, results[0].Confidence!.Value));
        Assert.False(results[1].IsJudged);
        Assert.Null(results[1].IsContradiction);
        Assert.Contains("p2", results[1].Error, StringComparison.Ordinal);
        Assert.Equal((false, 0.9), (results[2].IsContradiction!.Value, results[2].Confidence!.Value));

        static IReadOnlyList<Judgement> await_(Task<IReadOnlyList<Judgement>> task) => task.GetAwaiter().GetResult();
    }

    [Fact]
    public void Judge_uses_a_scar_registry_when_the_geoids_carry_scars()
    {
        var registry = new ScarRegistry();
        registry.Add(new Scar("s1", ("x", "y"), 0.5, DateTimeOffset.UnixEpoch));
        var a = G("Cats purr", 3, 4);
        a.AddScar("s1");
        // 0.96 * (1 - 0.5) = 0.48 -> rule 5.
        var d = new KimeraJudge(scars: registry).Detect(a, G("Dogs bark", 4, 3));
        Assert.Equal(0.48, d.Resonance, 12);
        Assert.Equal(KimeraRule.NoContradiction, d.Rule);
        Assert.Throws<InvalidOperationException>(() => _judge.Detect(a, G("Dogs bark", 4, 3)));
    }
}
