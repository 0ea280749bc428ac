namespace Kimera.Datasets.Sampling;

/// <summary>The stratum of a pair for <c>--sample</c>: its label (contradiction, not, unlabelled) and its language
/// (<c>en</c>, or <c>en/fr</c> for a pair across two languages).</summary>
public readonly record struct StratumKey(bool? Label, string Language) : IComparable<StratumKey>
{
    public static StratumKey Of(BenchmarkPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var language = string.Equals(pair.Lang1, pair.Lang2, StringComparison.Ordinal) ? pair.Lang1 : $"{pair.Lang1}/{pair.Lang2}";
        return new StratumKey(pair.Label, language);
    }

    /// <summary>A fixed order (label: contradiction, not, unlabelled; then language, ordinal) for tie-breaks.</summary>
    public int CompareTo(StratumKey other)
    {
        var byLabel = Rank(Label).CompareTo(Rank(other.Label));
        return byLabel != 0 ? byLabel : string.CompareOrdinal(Language, other.Language);
    }

    public static bool operator <(StratumKey left, StratumKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(StratumKey left, StratumKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(StratumKey left, StratumKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(StratumKey left, StratumKey right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Label switch { true => "contradiction", false => "not", null => "unlabelled" }}/{Language}";

    private static int Rank(bool? label) => label switch { true => 0, false => 1, null => 2 };
}
