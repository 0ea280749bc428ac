using Kimera.Engine.Geoids;
using Kimera.Engine.Reactor;

namespace Kimera.Engine.Tests.Geoids;

public sealed class ResonanceTests
{
    private readonly Resonance _resonance = new();

    private static Geoid G(string text, params float[] vector) => new(text, "en", vector);

    [Fact]
    public void Resonance_of_plain_texts_is_the_cosine_of_their_vectors()
    {
        // cos([1,0],[1,1]) = 1/sqrt(2) = 0.70710678118654752; cos([3,4],[4,3]) = 24/25 = 0.96.
        Assert.Equal(0.7071067811865475, _resonance.Compute(G("cats purr", 1, 0), G("dogs bark", 1, 1)), 12);
        Assert.Equal(0.96, _resonance.Compute(G("cats purr", 3, 4), G("dogs bark", 4, 3)), 12);
        // 3-D: [1,2,2]·[2,1,-2] = 2+2-4 = 0, orthogonal.
        Assert.Equal(0.0, _resonance.Compute(G("a", 1, 2, 2), G("b", 2, 1, -2)), 12);
    }

    [Fact]
    public void Resonance_drops_by_quarter_when_one_text_is_negated()
    {
        // 0.96 - 0.25 = 0.71
        var r = _resonance.Compute(G("The sky is blue", 3, 4), G("The sky is not blue", 4, 3));
        Assert.Equal(0.71, r, 12);
    }

    [Fact]
    public void Resonance_has_no_negation_penalty_when_both_texts_are_negated()
    {
        // "not" and "never": both negated, so no penalty: 24/25.
        var r = _resonance.Compute(G("It is not hot", 3, 4), G("It is never cold", 4, 3));
        Assert.Equal(0.96, r, 12);
    }

    [Fact]
    public void Negation_penalty_is_clamped_at_minus_one()
    {
        // cos([1,0],[-1,0.1]) = -1/sqrt(1.01) = -0.99503719; minus 0.25 = -1.245 -> clamped to -1.
        Assert.Equal(-1.0, _resonance.Compute(G("Birds fly", 1, 0), G("Birds never fly", -1, 0.1f)), 12);
        // cos([1,0],[-1,1]) = -0.70710678; minus 0.25 = -0.95710678, above the clamp.
        Assert.Equal(-0.9571067811865475, _resonance.Compute(G("Birds fly", 1, 0), G("Birds never fly", -1, 1)), 12);
    }

    [Theory]
    [InlineData("I can't swim", false)]      // quirk: \w+ gives "can", "t"
    [InlineData("It isn't true", false)]     // "isn", "t"
    [InlineData("I cannot swim", true)]
    [InlineData("NEVER again", true)]        // tokens are lowercased
    [InlineData("Nothing happened", false)]  // token equality, not substring
    [InlineData("no-one came", true)]        // "-" splits: "no", "one"
    [InlineData("not_really", false)]        // "_" is a word character: one token
    [InlineData("Snow is white", false)]
    public void Negated_text_is_one_whose_word_tokens_contain_a_negation_word(string text, bool expected)
    {
        Assert.Equal(expected, _resonance.IsNegated(text));
    }

    [Fact]
    public void Contracted_negation_gets_no_penalty_because_of_the_word_regex_quirk()
    {
        // "I can't swim" is not negated under \w+, so the pair keeps its cosine 0.96.
        Assert.Equal(0.96, _resonance.Compute(G("I can swim", 3, 4), G("I can't swim", 4, 3)), 12);
    }

    [Fact]
    public void Negation_penalty_can_be_switched_off_or_resized()
    {
        var off = new Resonance(new KimeraEngineOptions { NegationPenaltyEnabled = false });
        Assert.Equal(0.96, off.Compute(G("The sky is blue", 3, 4), G("The sky is not blue", 4, 3)), 12);
        var half = new Resonance(new KimeraEngineOptions { NegationPenalty = 0.5 });
        Assert.Equal(0.46, half.Compute(G("The sky is blue", 3, 4), G("The sky is not blue", 4, 3)), 12);
    }

    [Fact]
    public void Scar_penalty_is_the_mean_weight_over_the_union_of_both_geoids_scars()
    {
        var registry = new ScarRegistry();
        var at = DateTimeOffset.UnixEpoch;
        registry.Add(new Scar("s1", ("x", "y"), 0.9, at));
        registry.Add(new Scar("s2", ("x", "y"), 0.5, at));
        registry.Add(new Scar("s3", ("x", "y"), 0.7, at));
        var a = G("cats purr", 3, 4);
        var b = G("dogs bark", 4, 3);
        a.AddScar("s1");
        a.AddScar("s2");
        b.AddScar("s2");
        b.AddScar("s3");

        // union {s1, s2, s3}: mean (0.9 + 0.5 + 0.7) / 3 = 0.7 (a plain concatenation would give 2.6 / 4 = 0.65).
        Assert.Equal(0.7, Resonance.ScarPenalty(a, b, registry), 12);
        // 0.96 * (1 - 0.7) = 0.288
        Assert.Equal(0.288, _resonance.Compute(a, b, registry), 12);
    }

    [Fact]
    public void Scar_penalty_applies_when_only_one_geoid_has_scars_and_combines_with_negation()
    {
        var registry = new ScarRegistry();
        registry.Add(new Scar("s1", ("x", "y"), 0.9, DateTimeOffset.UnixEpoch));
        var a = G("cats purr", 3, 4);
        a.AddScar("s1");

        // 0.96 * (1 - 0.9) = 0.096
        Assert.Equal(0.096, _resonance.Compute(a, G("dogs bark", 4, 3), registry), 12);
        // 0.096 - 0.25 = -0.154
        Assert.Equal(-0.154, _resonance.Compute(a, G("dogs never bark", 4, 3), registry), 12);
    }

    [Fact]
    public void Scarred_geoids_without_a_registry_are_an_error_naming_the_geoids()
    {
        var a = G("cats purr", 3, 4);
        a.AddScar("s1");
        var b = G("dogs bark", 4, 3);
        var error = Assert.Throws<InvalidOperationException>(() => _resonance.Compute(a, b));
        Assert.Contains(a.Gid, error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => _resonance.Compute(a, b, new ScarRegistry()));
    }

    [Fact]
    public void Vectors_of_different_length_or_zero_norm_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => _resonance.Compute(G("a", 1, 0), G("b", 1, 0, 0)));
        Assert.Throws<ArgumentException>(() => _resonance.Compute(G("a", 0, 0), G("b", 1, 0)));
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_option_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Resonance(new KimeraEngineOptions { NegationPenalty = -0.1 }));
        Assert.Contains("NegationPenalty", error.Message, StringComparison.Ordinal);
        var confidence = Assert.Throws<ArgumentOutOfRangeException>(() => new Resonance(new KimeraEngineOptions { AntonymConfidence = 1.5 }));
        Assert.Contains("AntonymConfidence", confidence.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_default_to_the_spec_values()
    {
        var o = new KimeraEngineOptions();
        Assert.Equal(
            [0.3, 0.25, -1.0, 0.8, 0.9, 0.3, 0.85, 0.7, 0.4, 0.75, 0.6, 0.3, 0.8, 0.7],
            [o.ResonanceThreshold, o.NegationPenalty, o.ResonanceFloor, o.HighResonanceThreshold, o.HighResonanceConfidence,
             o.AntonymLowResonanceThreshold, o.AntonymLowResonanceConfidence, o.AntonymConfidence,
             o.NegationRuleLowResonanceThreshold, o.NegationRuleLowResonanceConfidence, o.NegationRuleConfidence,
             o.UnrelatedResonanceThreshold, o.UnrelatedConfidence, o.NoContradictionConfidence]);
        Assert.True(o.NegationPenaltyEnabled);
        Assert.Equal(2, o.MinSharedWords);
        Assert.Equal(200, o.ReactorSliceSize);
        Assert.Equal(16, o.ResonanceNegationWords.Count);
        Assert.Equal(19, o.JudgeNegationWords.Count);
        Assert.Equal(["none", "neither", "nor"], o.JudgeNegationWords.Skip(16));
        Assert.Equal(8, o.AntonymPairs.Count);
    }
}
