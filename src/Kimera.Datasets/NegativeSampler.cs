namespace Kimera.Datasets;

/// <summary>
/// Draws one random non-partner negative per positive geoid pair, deterministically from a seed.
/// For positive k the anchor is its first text when k is even and its second when k is odd (so both sides of the
/// partner pairs appear as anchors); the other text is drawn uniformly from the anchor's language, falling back to
/// every row. A draw is rejected when it is the anchor itself, a partner pair (in either direction), or a
/// negative already drawn; after <see cref="Attempts"/> rejections per pool the positive gets no negative.
/// </summary>
internal static class NegativeSampler
{
    private const int Attempts = 64;

    /// <returns>For each positive, in order, the (anchor, other) row indices, or null when none could be drawn.</returns>
    public static (int Anchor, int Other)?[] Draw(IReadOnlyList<(int First, int Second)> positives, int[] languageOf, int seed)
    {
        var rowCount = languageOf.Length;
        var byLanguage = new Dictionary<int, List<int>>();
        for (var i = 0; i < rowCount; i++)
        {
            if (!byLanguage.TryGetValue(languageOf[i], out var list))
            {
                byLanguage[languageOf[i]] = list = [];
            }

            list.Add(i);
        }

        var partnerKeys = new HashSet<(int, int)>(positives.Count);
        foreach (var (first, second) in positives)
        {
            partnerKeys.Add(Key(first, second));
        }

        var drawn = new HashSet<(int, int)>(positives.Count);
        var random = new Random(seed);
        var result = new (int, int)?[positives.Count];
        for (var k = 0; k < positives.Count; k++)
        {
            var anchor = k % 2 == 0 ? positives[k].First : positives[k].Second;
            var sameLanguage = byLanguage[languageOf[anchor]];
            var other = TryDraw(anchor, sameLanguage.Count, i => sameLanguage[i]);
            if (other < 0 && sameLanguage.Count < rowCount)
            {
                other = TryDraw(anchor, rowCount, i => i);
            }

            result[k] = other < 0 ? null : (anchor, other);
        }

        return result;

        int TryDraw(int anchor, int poolSize, Func<int, int> rowAt)
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var candidate = rowAt(random.Next(poolSize));
                if (candidate == anchor)
                {
                    continue;
                }

                var key = Key(anchor, candidate);
                if (partnerKeys.Contains(key) || !drawn.Add(key))
                {
                    continue;
                }

                return candidate;
            }

            return -1;
        }
    }

    /// <summary>
    /// An order-free key of two row indices. A tuple, not a packed long: long.GetHashCode is hi ^ lo, which is 1
    /// for every partner pair of adjacent rows (2k, 2k+1) and made the sets quadratic.
    /// </summary>
    private static (int, int) Key(int a, int b) => a < b ? (a, b) : (b, a);
}
