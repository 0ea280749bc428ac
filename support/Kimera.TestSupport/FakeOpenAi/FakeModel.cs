using System.Text.RegularExpressions;

namespace Kimera.TestSupport.FakeOpenAi;

/// <summary>The fake server's deterministic "model": two statements contradict when exactly one of them contains
/// one of the words <c>not</c>, <c>false</c>, <c>incorrect</c>. Token counts are whitespace-separated words.</summary>
public static partial class FakeModel
{
    public const double ContradictionConfidence = 0.9;

    public const double NoContradictionConfidence = 0.8;

    public static bool IsContradiction(string first, string second) => IsNegative(first) != IsNegative(second);

    public static double Confidence(bool contradiction) => contradiction ? ContradictionConfidence : NoContradictionConfidence;

    public static int CountTokens(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static bool IsNegative(string text) =>
        Words().Matches(text).Any(m => m.Value.ToLowerInvariant() is "not" or "false" or "incorrect");

    [GeneratedRegex(@"\w+")]
    private static partial Regex Words();
}
