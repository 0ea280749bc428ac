using System.Text.RegularExpressions;

namespace Kimera.Geoids;

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
/// (Python: "i\u0307") and the Greek final sigma (Python context-sensitive), of which only the first is
/// reproduced: final sigma cannot change an ASCII word, subject or antonym match.</item>
/// <item><c>str.split()</c> without arguments: split on runs of whitespace, no empty items.</item>
/// <item><c>str.strip()</c> without arguments: trim whitespace at both ends.</item>
/// </list>
/// Known remaining difference: .NET regexes work on UTF-16 code units, so a letter outside the
/// Basic Multilingual Plane is not a <c>\w</c> character here (Python: it is). Such letters do not
/// occur in the datasets' languages (en, fr, ar).
/// </summary>
internal static partial class PythonText
{
    /// <summary>Python's <c>\w</c> for str patterns, as a .NET character class.</summary>
    internal const string WordClass = @"[\p{L}\p{Nd}\p{Nl}\p{No}_]";

    /// <summary>Python's <c>\s</c> for str patterns, as a .NET character class.</summary>
    internal const string SpaceClass = @"[\s\x1C-\x1F]";

    internal static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1C' and <= '\x1F';

    internal static string Lower(string text)
    {
        // ToLowerInvariant maps U+0130 one-to-one; Python's full mapping gives "i" + combining dot above.
        return text.Contains('\u0130', StringComparison.Ordinal)
            ? LowerWithDottedCapitalI(text)
            : text.ToLowerInvariant();
    }

    internal static string[] Split(string text)
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

    internal static string Strip(string text)
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
    internal static List<string> WordTokens(string text)
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

    private static string LowerWithDottedCapitalI(string text) =>
        string.Join("i\u0307", text.Split('\u0130').Select(part => part.ToLowerInvariant()));
}
