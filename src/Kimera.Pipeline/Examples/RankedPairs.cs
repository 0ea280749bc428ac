using Kimera.Reporting.Examples;

namespace Kimera.Pipeline.Examples;

/// <summary>
/// The best <c>k</c> pairs of one list seen so far, by (<c>first</c>, <c>second</c>, pair id, row), smallest first: a
/// stream of any length keeps k entries, and the example pair is built only for a candidate that gets in.
/// </summary>
internal sealed class RankedPairs
{
    private readonly int _capacity;
    private readonly List<(Rank Rank, ExamplePair Pair)> _best;

    public RankedPairs(int capacity)
    {
        _capacity = capacity;
        _best = new List<(Rank, ExamplePair)>(capacity + 1);
    }

    /// <summary>Every candidate offered, kept or not.</summary>
    public long Count { get; private set; }

    public IReadOnlyList<ExamplePair> Pairs => [.. _best.Select(b => b.Pair)];

    /// <param name="first">Main key, smaller is better; null or NaN ranks after every number.</param>
    /// <param name="second">Tie-break key, smaller is better; null or NaN ranks after every number.</param>
    public void Offer(double? first, double? second, string? pairId, long row, Func<ExamplePair> pair)
    {
        Count++;
        var rank = new Rank(Key(first), Key(second), pairId, row);
        if (_best.Count == _capacity && (_capacity == 0 || rank.CompareTo(_best[^1].Rank) >= 0))
        {
            return;
        }

        var at = _best.FindIndex(b => rank.CompareTo(b.Rank) < 0);
        _best.Insert(at < 0 ? _best.Count : at, (rank, pair()));
        if (_best.Count > _capacity)
        {
            _best.RemoveAt(_best.Count - 1);
        }
    }

    private static double Key(double? value) => value is { } v && !double.IsNaN(v) ? v : double.PositiveInfinity;

    private readonly record struct Rank(double First, double Second, string? PairId, long Row) : IComparable<Rank>
    {
        public int CompareTo(Rank other)
        {
            var c = First.CompareTo(other.First);
            if (c == 0)
            {
                c = Second.CompareTo(other.Second);
            }

            if (c == 0)
            {
                // Pairs with an id come first, in ordinal order of the id (the same on every machine and culture).
                c = (PairId, other.PairId) switch
                {
                    (null, null) => 0,
                    (null, _) => 1,
                    (_, null) => -1,
                    _ => string.CompareOrdinal(PairId, other.PairId),
                };
            }

            return c == 0 ? Row.CompareTo(other.Row) : c;
        }
    }
}
