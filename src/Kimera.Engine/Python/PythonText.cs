using System.Globalization;
using System.Text.RegularExpressions;

namespace Kimera.Engine.Python;

/// <summary>
/// The few Python 3 string semantics the reference prototype relies on, reproduced so that the
/// engine's text rules give the prototype's answers:
/// <list type="bullet">
/// <item><c>str.isspace</c> / regex <c>\s</c> (str pattern): .NET <c>char.IsWhiteSpace</c> plus U+001C..U+001F,
/// which Python also treats as whitespace (bidi class B/S).</item>
/// <item>regex <c>\w</c> (str pattern): <c>str.isalnum()</c> or <c>_</c>, i.e. Unicode letters (L*),
/// numbers (Nd, Nl, No) and underscore. .NET's own <c>\w</c> differs (it adds Mn and Pc, drops Nl/No),
/// so the class is spelled out.</item>
/// <item><c>str.lower()</c>: Unicode case mapping; <c>ToLowerInvariant</c> agrees except for U+0130
/// (Python: "i\u0307") and the Greek final sigma (Python context-sensitive); both are reproduced, so the
/// engine's text rules and the tokenizer lower-case alike.</item>
/// <item><c>str.split()</c> without arguments: split on runs of whitespace, no empty items.</item>
/// <item><c>str.strip()</c> without arguments: trim whitespace at both ends.</item>
/// </list>
/// Known remaining difference: .NET regexes work on UTF-16 code units, so a letter outside the
/// Basic Multilingual Plane is not a <c>\w</c> character here (Python: it is). Such letters do not
/// occur in the datasets' languages (en, fr, ar).
/// </summary>
public static partial class PythonText
{
    /// <summary>Python's <c>\w</c> for str patterns, as a .NET character class.</summary>
    public const string WordClass = @"[\p{L}\p{Nd}\p{Nl}\p{No}_]";

    /// <summary>Python's <c>\s</c> for str patterns, as a .NET character class.</summary>
    public const string SpaceClass = @"[\s\x1C-\x1F]";

    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1C' and <= '\x1F';

    public static string[] Split(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsSpace(text[i]))
            {
                if (start >= 0)
                {
                    words.Add(text[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            words.Add(text[start..]);
        }

        return [.. words];
    }

    public static string Strip(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>Python <c>re.findall(r"\w+", text)</c>.</summary>
    public static List<string> WordTokens(string text)
    {
        var tokens = new List<string>();
        foreach (var match in WordRun().EnumerateMatches(text))
        {
            tokens.Add(text.Substring(match.Index, match.Length));
        }

        return tokens;
    }

    [GeneratedRegex(WordClass + "+", RegexOptions.CultureInvariant)]
    private static partial Regex WordRun();

    /// <summary>
    /// Python's <c>str.lower()</c>: .NET's invariant simple case mapping plus the Final_Sigma rule
    /// (capital sigma at the end of a word becomes ς, not σ), which .NET does not apply and the vocabulary distinguishes.
    /// </summary>
    public static string Lower(string text)
    {
        // U+0130 (İ) is the one unconditional full lowercase mapping ("i" + U+0307) that .NET's invariant casing leaves alone.
        if (text.Contains('\u0130', StringComparison.Ordinal))
        {
            text = text.Replace("\u0130", "i\u0307", StringComparison.Ordinal);
        }

        var lower = text.ToLowerInvariant();
        if (!text.Contains('\u03A3', StringComparison.Ordinal))
        {
            return lower;
        }

        var chars = lower.ToCharArray();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u03A3' && IsFinalSigma(text, i))
            {
                chars[i] = '\u03C2';
            }
        }

        return new string(chars);
    }

    // Mirrors CPython's handle_capital_sigma: preceded by a cased letter and not followed by one, skipping case-ignorables.
    private static bool IsFinalSigma(string text, int index)
    {
        var j = index - 1;
        while (j >= 0 && IsCaseIgnorable(text[j]))
        {
            j--;
        }

        if (j < 0 || !IsCased(text[j]))
        {
            return false;
        }

        j = index + 1;
        while (j < text.Length && IsCaseIgnorable(text[j]))
        {
            j++;
        }

        return j == text.Length || !IsCased(text[j]);
    }

    private static bool IsCased(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(char c) =>
        c is '\'' or '.' or ':' or '\u00B7' or '\u2018' or '\u2019' or '\u2024' or '\u2027' or '\u0387'
        || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
}
