using System.Text.RegularExpressions;
using Kimera.Engine.Python;

namespace Kimera.Judging.Detector;

/// <summary>
/// The text rules of the Kimera judge, reproducing the prototype's Python (contradiction.py) step by step.
/// Python semantics reproduced (see <see cref="PythonText"/>): <c>str.lower()</c>, <c>str.strip()</c>,
/// <c>str.split()</c>, <c>re.match</c> (anchored at the start only, not at the end), <c>\w</c> and <c>\s</c>
/// of str patterns, <c>.</c> without DOTALL (anything but "\n"), greedy <c>+</c> with backtracking, and
/// <c>needle in haystack</c> (ordinal substring; the empty string is in everything).
/// </summary>
internal static partial class KimeraTextRules
{
    private const string W = PythonText.WordClass;
    private const string S = PythonText.SpaceClass;

    // extract_core_claim's patterns, tried in this order with re.match on the stripped lowercased text.
    private static readonly Regex[] CoreClaimPatterns = [IsAre(), CanCannot(), HaveHas(), LiveLives()];

    /// <summary>
    /// extract_core_claim: <c>text.lower().strip()</c>, then the first pattern that matches at the start gives
    /// (group 1, group 2); otherwise the first whitespace-separated word and the rest joined by single spaces;
    /// a text of fewer than two words is its own subject with an empty predicate.
    /// Quirk (kept): "the sky is blue" has subject "the", because <c>(\w+)\s+(?:is|are)</c> cannot match "the sky".
    /// </summary>
    internal static (string Subject, string Predicate) ExtractCoreClaim(string text)
    {
        var claim = PythonText.Strip(PythonText.Lower(text));
        foreach (var pattern in CoreClaimPatterns)
        {
            var match = pattern.Match(claim);
            if (match.Success)
            {
                return (match.Groups[1].Value, match.Groups[2].Value);
            }
        }

        var words = PythonText.Split(claim);
        return words.Length >= 2 ? (words[0], string.Join(' ', words[1..])) : (claim, string.Empty);
    }

    /// <summary>
    /// detect_antonym_contradiction: equal subjects and, for some pair (a, b), a in one predicate and b in the
    /// other (substring, both directions). Returns the matching (word in first, word in second) or null.
    /// Quirk (kept): "is" is a substring of "is not" (and of "this"), so two predicates that both say "is not"
    /// also match the pair ("is", "is not").
    /// </summary>
    internal static (string Subject, string InFirst, string InSecond)? FindAntonym(
        string text1, string text2, IReadOnlyList<(string First, string Second)> antonymPairs)
    {
        var (subject1, predicate1) = ExtractCoreClaim(text1);
        var (subject2, predicate2) = ExtractCoreClaim(text2);
        if (!string.Equals(PythonText.Lower(subject1), PythonText.Lower(subject2), StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var (a, b) in antonymPairs)
        {
            if (predicate1.Contains(a, StringComparison.Ordinal) && predicate2.Contains(b, StringComparison.Ordinal))
            {
                return (subject1, a, b);
            }

            if (predicate1.Contains(b, StringComparison.Ordinal) && predicate2.Contains(a, StringComparison.Ordinal))
            {
                return (subject1, b, a);
            }
        }

        return null;
    }

    /// <summary>
    /// detect_negation_contradiction: word sets (<c>set(text.lower().split()) - stopWords</c>) share at least
    /// <paramref name="minSharedWords"/> words and exactly one lowercased text contains a negation word as a substring.
    /// Returns the shared-word count and the negation word found (first in list order), or null.
    /// Quirk (kept): substring matching, so "snow" counts as "no" and "nothing" as "not".
    /// </summary>
    internal static (int SharedWords, string NegationWord)? FindNegation(
        string text1, string text2, IReadOnlySet<string> stopWords, int minSharedWords, IReadOnlyList<string> negationWords)
    {
        var lower1 = PythonText.Lower(text1);
        var lower2 = PythonText.Lower(text2);
        var words1 = new HashSet<string>(PythonText.Split(lower1), StringComparer.Ordinal);
        words1.ExceptWith(stopWords);
        var words2 = new HashSet<string>(PythonText.Split(lower2), StringComparer.Ordinal);
        words2.ExceptWith(stopWords);
        words1.IntersectWith(words2);
        if (words1.Count < minSharedWords)
        {
            return null;
        }

        var negation1 = FirstContained(lower1, negationWords);
        var negation2 = FirstContained(lower2, negationWords);
        return (negation1 is null) != (negation2 is null)
            ? (words1.Count, negation1 ?? negation2!)
            : null;
    }

    private static string? FirstContained(string text, IReadOnlyList<string> words)
    {
        foreach (var word in words)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return word;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\A(" + W + "+)" + S + "+(?:is|are)" + S + "+(.+)", RegexOptions.CultureInvariant)]
    private static partial Regex IsAre();

    [GeneratedRegex(@"\A(" + W + "+)" + S + "+(?:can|cannot)" + S + "+(.+)", RegexOptions.CultureInvariant)]
    private static partial Regex CanCannot();

    [GeneratedRegex(@"\A(" + W + "+)" + S + "+(?:have|has)" + S + "+(.+)", RegexOptions.CultureInvariant)]
    private static partial Regex HaveHas();

    [GeneratedRegex(@"\A(" + W + "+)" + S + "+(?:live|lives)" + S + "+(.+)", RegexOptions.CultureInvariant)]
    private static partial Regex LiveLives();
}
