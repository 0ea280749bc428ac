namespace Kimera.Statistics.Randomness;

/// <summary>
/// Deterministic shuffling. Written out rather than calling <c>Random.Shuffle</c> because that method's
/// algorithm is not documented; this one is: Fisher–Yates from the end, as Python's <c>random.shuffle</c>,
/// for i = n-1 down to 1 swap item i with item <c>random.Next(i + 1)</c>. With <c>new Random(seed)</c>
/// (.NET's seeded, Knuth-subtractive compatibility generator, unchanged since .NET Framework and kept
/// for exactly this reason) the order is the same on every run and platform. Pair ids, negative pairs,
/// texts pairing and reactor cycles all shuffle with it.
/// </summary>
public static class SeededShuffle
{
    /// <summary>Shuffles <paramref name="items"/> in place.</summary>
    public static void ShuffleInPlace<T>(IList<T> items, Random random)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(random);
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (the same order as the list overload for the same items).</summary>
    public static void ShuffleInPlace<T>(Span<T> items, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A shuffled copy of <paramref name="items"/>.</summary>
    public static T[] Shuffled<T>(IEnumerable<T> items, Random random)
    {
        ArgumentNullException.ThrowIfNull(items);
        var copy = items.ToArray();
        ShuffleInPlace(copy, random);
        return copy;
    }
}
