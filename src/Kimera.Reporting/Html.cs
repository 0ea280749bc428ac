using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Kimera.Reporting;

/// <summary>HTML escaping of every text that comes from data (judge names, languages, file names, messages).</summary>
internal static class Html
{
    // All Unicode ranges allowed so that non-Latin text stays readable in the source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Text(string? value) => Encoder.Encode(value ?? string.Empty);

    public static string Attribute(string? value) => Encoder.Encode(value ?? string.Empty);
}
