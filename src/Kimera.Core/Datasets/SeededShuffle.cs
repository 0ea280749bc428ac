namespace Kimera.Datasets;

/// <summary>
/// Fisher–Yates shuffle driven by <c>new Random(seed)</c>. Written out rather than <see cref="Random.Shuffle{T}(Span{T})"/>
/// so that the order depends only on this loop and on the seeded <see cref="Random"/> sequence (which .NET keeps
/// stable for explicit seeds), not on how a future runtime implements <c>Shuffle</c>: pair ids and plans must
/// stay the same across versions.
/// </summary>
internal static class SeededShuffle
{
    public static void Shuffle<T>(Span<T> items, Random random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
