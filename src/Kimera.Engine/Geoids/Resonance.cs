using System.Collections.Frozen;
using Kimera.Engine.Python;
using Kimera.Engine.Reactor;

namespace Kimera.Engine.Geoids;

/// <summary>
/// Resonance between two geoids (docs/algorithm.md, "Resonance"): cosine similarity, scaled down by the mean weight
/// of their scars, minus a penalty when exactly one of the texts is negated. Thread-safe.
/// </summary>
public sealed class Resonance
{
    private readonly KimeraEngineOptions _options;
    private readonly FrozenSet<string> _negationWords;

    public Resonance(KimeraEngineOptions? options = null)
    {
        _options = options ?? new KimeraEngineOptions();
        _options.Validate();
        _negationWords = _options.ResonanceNegationWords.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The options this instance was built with.</summary>
    public KimeraEngineOptions Options => _options;

    /// <summary>
    /// <c>resonance(a, b)</c>. <paramref name="scars"/> supplies the weights of the geoids' scars; it may be
    /// null only when neither geoid has scars (fresh geoids, as the judge sees them).
    /// </summary>
    /// <exception cref="InvalidOperationException">A geoid has scars and no registry (or not this one) knows them.</exception>
    public double Compute(Geoid a, Geoid b, ScarRegistry? scars = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        var score = Cosine(a.Vector, b.Vector);
        if (_options.ScarPenaltyEnabled)
        {
            score *= 1 - ScarPenalty(a, b, scars);
        }

        if (_options.NegationPenaltyEnabled && IsNegated(a.Raw) != IsNegated(b.Raw))
        {
            score = Math.Max(_options.ResonanceFloor, score - _options.NegationPenalty);
        }

        return score;
    }

    /// <summary>
    /// Whether the text is negated for the resonance penalty: some <c>\w+</c> token of the raw text, lowercased,
    /// is a negation word. Quirk (kept): <c>\w+</c> splits "can't" into "can" and "t", so contractions never count.
    /// </summary>
    public bool IsNegated(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        foreach (var token in PythonText.WordTokens(raw))
        {
            if (_negationWords.Contains(PythonText.Lower(token)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Mean weight of the scars in the union of both geoids' scar ids (each id once), or 0 when neither has scars.
    /// </summary>
    public static double ScarPenalty(Geoid a, Geoid b, ScarRegistry? scars)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Scars.Count == 0 && b.Scars.Count == 0)
        {
            return 0;
        }

        if (scars is null)
        {
            throw new InvalidOperationException(
                $"Geoids '{a.Gid}' and '{b.Gid}' have {a.Scars.Count + b.Scars.Count} scar ids but no scar registry was given.");
        }

        var union = new HashSet<string>(a.Scars, StringComparer.Ordinal);
        union.UnionWith(b.Scars);
        var sum = 0.0;
        foreach (var id in union)
        {
            if (!scars.TryGet(id, out var scar))
            {
                throw new InvalidOperationException($"Scar '{id}' of geoid '{a.Gid}' or '{b.Gid}' is not in the given scar registry.");
            }

            sum += scar!.Weight;
        }

        return sum / union.Count;
    }

    /// <summary>
    /// Cosine similarity, accumulated in double (the prototype used numpy float32; results agree to about 1e-7,
    /// which matters only for a value lying exactly on a threshold).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a vector is empty, or a vector has norm 0
    /// (numpy would give NaN; an embedder never produces such a vector, so it is treated as a bug).</exception>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors differ in length: {a.Length} and {b.Length}.", nameof(b));
        }

        if (a.Length == 0)
        {
            throw new ArgumentException("Vectors are empty.", nameof(a));
        }

        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double x = a[i], y = b[i];
            dot += x * y;
            normA += x * x;
            normB += y * y;
        }

        if (normA == 0 || normB == 0)
        {
            throw new ArgumentException($"Cosine is undefined for a zero vector (norms {Math.Sqrt(normA)} and {Math.Sqrt(normB)}).", nameof(a));
        }

        return dot / (Math.Sqrt(normA) * Math.Sqrt(normB));
    }
}
