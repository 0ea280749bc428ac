using System.Text.RegularExpressions;

namespace Kimera.Statistics.ErrorAnalysis;

/// <summary>Text features of a pair used to slice the error analysis: length, negation, lexical overlap.</summary>
/// <remarks>
/// Words are lowercase runs of <c>[\w']+</c> after turning ’ into ' — unlike Kimera's own <c>\w+</c> (docs/algorithm.md, "Resonance"),
/// which splits "can't" into "can" and "t"; here the contracted negations of the §3 list are meant to be found.
/// </remarks>
public static partial class TextFeatures
{
    /// <summary>The negation words of the resonance (docs/algorithm.md, "Resonance").</summary>
    public static readonly IReadOnlySet<string> NegationWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "not", "no", "never", "cannot", "can't", "won't", "doesn't", "isn't", "aren't", "wasn't", "weren't",
        "don't", "didn't", "hasn't", "haven't", "hadn't",
    };

    /// <summary>Lowercase words of a text.</summary>
    public static IEnumerable<string> Words(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : WordPattern().Matches(text.Replace('\u2019', '\'').ToLowerInvariant()).Select(m => m.Value);

    /// <summary>Pair length: the given token count, else the whitespace-separated words of both texts.</summary>
    public static int Length(string? text1, string? text2, int? tokenCount) =>
        tokenCount ?? (CountWhitespaceWords(text1) + CountWhitespaceWords(text2));

    /// <summary>True when either text holds a word of <see cref="NegationWords"/>.</summary>
    public static bool HasNegation(string? text1, string? text2) =>
        Words(text1).Concat(Words(text2)).Any(NegationWords.Contains);

    /// <summary>Jaccard index of the two texts' lowercase word sets; 1 when both are empty (identical).</summary>
    public static double Jaccard(string? text1, string? text2) =>
        Jaccard(Words(text1).ToHashSet(StringComparer.Ordinal), Words(text2).ToHashSet(StringComparer.Ordinal));

    internal static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var intersection = small.Count(large.Contains);
        return (double)intersection / (a.Count + b.Count - intersection);
    }

    private static int CountWhitespaceWords(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"[\w']+")]
    private static partial Regex WordPattern();
}
