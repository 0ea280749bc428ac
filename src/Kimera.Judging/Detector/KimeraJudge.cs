using System.Collections.Frozen;
using System.Globalization;
using Kimera.Engine.Geoids;
using Kimera.Engine.Python;
using Kimera.Engine.Reactor;

namespace Kimera.Judging.Detector;

/// <summary>
/// The "kimera" contradiction judge (docs/algorithm.md, "The Kimera judge"): resonance first, then the antonym rule, the negation
/// rule and the low-resonance rule, first match wins. Reproduces the prototype's quirks on purpose.
/// Thread-safe as long as the scar registry (if any) is not being written meanwhile.
/// </summary>
public sealed class KimeraJudge : IPairJudge
{
    private readonly KimeraEngineOptions _options;
    private readonly Resonance _resonance;
    private readonly ScarRegistry? _scars;
    private readonly FrozenSet<string> _stopWords;

    /// <param name="options">Thresholds, confidences and word lists; spec defaults when null.</param>
    /// <param name="scars">Registry for geoids that carry scars; null for fresh geoids (the spec's case).</param>
    /// <param name="name">The judge's name in <c>pairs.csv</c> and the statistics: <c>kimera</c>, or a variant's own name.</param>
    public KimeraJudge(KimeraEngineOptions? options = null, ScarRegistry? scars = null, string name = JudgeNames.Kimera)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _options = options ?? new KimeraEngineOptions();
        _resonance = new Resonance(_options); // validates the options
        _scars = scars;
        _stopWords = _options.StopWords.ToFrozenSet(StringComparer.Ordinal);
    }

    public string Name { get; }

    /// <summary>The resonance this judge uses (same options).</summary>
    public Resonance Resonance => _resonance;

    /// <summary><c>detect(g1, g2)</c> with the resonance value and the deciding rule.</summary>
    public KimeraDetection Detect(Geoid first, Geoid second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var o = _options;
        var r = _resonance.Compute(first, second, _scars);

        if (r > o.HighResonanceThreshold)
        {
            return Verdict(false, o.HighResonanceConfidence, Format($"High resonance ({r:0.000}) indicates compatibility"), r, KimeraRule.HighResonance);
        }

        // "texts are the raw texts lowercased" (detect_contradiction: geoid.raw.lower()).
        var text1 = PythonText.Lower(first.Raw);
        var text2 = PythonText.Lower(second.Raw);

        if (KimeraTextRules.FindAntonym(text1, text2, o.AntonymPairs) is { } antonym)
        {
            var confidence = r < o.AntonymLowResonanceThreshold ? o.AntonymLowResonanceConfidence : o.AntonymConfidence;
            return Verdict(true, confidence,
                Format($"Antonymous predicates about same subject '{antonym.Subject}' ('{antonym.InFirst}' vs '{antonym.InSecond}', resonance {r:0.000})"),
                r, KimeraRule.Antonym);
        }

        if (KimeraTextRules.FindNegation(text1, text2, _stopWords, o.MinSharedWords, o.JudgeNegationWords) is { } negation)
        {
            var confidence = r < o.NegationRuleLowResonanceThreshold ? o.NegationRuleLowResonanceConfidence : o.NegationRuleConfidence;
            return Verdict(true, confidence,
                Format($"One statement negates the other ('{negation.NegationWord}', {negation.SharedWords} shared words, resonance {r:0.000})"),
                r, KimeraRule.Negation);
        }

        if (r < o.UnrelatedResonanceThreshold)
        {
            return Verdict(false, o.UnrelatedConfidence, Format($"Low resonance ({r:0.000}) but no logical contradiction - just unrelated"), r, KimeraRule.LowResonance);
        }

        return Verdict(false, o.NoContradictionConfidence, Format($"No contradiction detected (resonance: {r:0.000})"), r, KimeraRule.NoContradiction);
    }

    /// <summary>Judges every pair synchronously (the work is a dot product and a few string scans per pair).
    /// A pair that cannot be judged (vectors of different length, zero vector, unknown scars) gets a failed judgement.</summary>
    public Task<IReadOnlyList<Judgement>> JudgeManyAsync(IReadOnlyList<JudgeInput> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var results = new Judgement[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pair = pairs[i];
            try
            {
                results[i] = Detect(pair.First, pair.Second).Judgement;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                results[i] = Judgement.Failed($"kimera could not judge pair '{pair.PairId}': {e.Message}");
            }
        }

        return Task.FromResult<IReadOnlyList<Judgement>>(results);
    }

    private static KimeraDetection Verdict(bool isContradiction, double confidence, string reasoning, double resonance, KimeraRule rule) =>
        new(new Judgement(isContradiction, confidence, reasoning), resonance, rule);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
