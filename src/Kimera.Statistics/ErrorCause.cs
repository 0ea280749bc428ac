using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Kimera.Statistics;

/// <summary>One reason a judge gave no verdict, and on how many pairs (<c>error_causes</c> of a judge in report.json).</summary>
/// <param name="Cause">The error text with its particulars left out (see <see cref="Normalise"/>).</param>
public sealed partial record ErrorCause(
    [property: JsonPropertyName("cause")] string Cause,
    [property: JsonPropertyName("count")] long Count)
{
    /// <summary>Causes kept per judge.</summary>
    public const int MaxCauses = 5;

    /// <summary>The cause of an error without its particulars: every parenthesised part (where: <c>(127.0.0.1:1234)</c>,
    /// how often: <c>(after 7 attempts)</c>, the server's words) is dropped and spaces are collapsed, so that
    /// <c>judge unavailable: connection refused (127.0.0.1:1234)</c> counts as <c>judge unavailable: connection refused</c>.</summary>
    public static string Normalise(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return "no verdict";
        }

        var text = error;
        for (var previous = string.Empty; previous != text;)
        {
            previous = text;
            text = Parenthesised().Replace(text, string.Empty);
        }

        text = Spaces().Replace(text, " ").Trim().TrimEnd(':', ';', ',', '.', ' ');
        return text.Length == 0 ? error.Trim() : text;
    }

    /// <summary>The most frequent causes among <paramref name="errors"/>, most frequent first (ties in text order).</summary>
    public static IReadOnlyList<ErrorCause> Top(IEnumerable<string?> errors, int max = MaxCauses)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors
            .GroupBy(Normalise, StringComparer.Ordinal)
            .Select(group => new ErrorCause(group.Key, group.LongCount()))
            .OrderByDescending(cause => cause.Count)
            .ThenBy(cause => cause.Cause, StringComparer.Ordinal)
            .Take(max)
            .ToArray();
    }

    [GeneratedRegex(@"\s*\([^()]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
