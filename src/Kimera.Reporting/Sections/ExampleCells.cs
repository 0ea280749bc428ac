using System.Globalization;
using Kimera.Reporting.Examples;

namespace Kimera.Reporting.Sections;

/// <summary>What the two example sections (typical mistakes, disagreements) write alike: a pair's name and its free texts.</summary>
internal static class ExampleCells
{
    public static string PairName(ExamplePair pair) => pair.PairId ?? $"row {pair.Row.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A free text from the data, escaped and cut to a readable length (the full text is in report.json).</summary>
    public static string TextCell(string? text) => $"<td class=\"text\" dir=\"auto\">{Html.Text(Shorten(text ?? string.Empty))}</td>";

    public static string Shorten(string text) => text.Length <= 280 ? text : string.Concat(text.AsSpan(0, 279), "…");
}
