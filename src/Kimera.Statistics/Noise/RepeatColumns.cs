using System.Globalization;

namespace Kimera.Statistics.Noise;

/// <summary>The column groups of an LLM judge asked several times: its majority verdict under its own name, then one group
/// per repeat named <c>name@k</c> (k = 1..repeats); a judge asked in both orders adds <c>name@ab</c> (text1, text2) and
/// <c>name@ba</c> (text2, text1). Judge names cannot contain <c>@</c>, so these never collide.</summary>
public static class RepeatColumns
{
    public const char Separator = '@';

    /// <summary>The column prefix of repeat <paramref name="repeat"/> (1-based) of <paramref name="judge"/>.</summary>
    public static string Name(string judge, int repeat) => string.Create(CultureInfo.InvariantCulture, $"{judge}{Separator}{repeat}");

    /// <summary>The suffix of the column group of the (text1, text2) order of a judge asked in both orders.</summary>
    public const string ForwardOrder = "ab";

    /// <summary>The suffix of the column group of the (text2, text1) order.</summary>
    public const string ReversedOrder = "ba";

    /// <summary>The column prefix of one order of <paramref name="judge"/>: <c>name@ab</c> (text1, text2) or <c>name@ba</c>
    /// (text2, text1).</summary>
    public static string OrderName(string judge, bool reversed) => $"{judge}{Separator}{(reversed ? ReversedOrder : ForwardOrder)}";

    /// <summary>Splits <c>name@ab</c> or <c>name@ba</c> into the judge and whether it is the reversed order; false otherwise.</summary>
    public static bool TryParseOrder(string column, out string judge, out bool reversed)
    {
        ArgumentNullException.ThrowIfNull(column);
        var at = column.LastIndexOf(Separator);
        var suffix = at > 0 ? column[(at + 1)..] : string.Empty;
        if (suffix is ForwardOrder or ReversedOrder)
        {
            judge = column[..at];
            reversed = suffix == ReversedOrder;
            return true;
        }

        judge = column;
        reversed = false;
        return false;
    }

    /// <summary>Splits <c>name@k</c> into the judge and k; false for a judge's own column prefix.</summary>
    public static bool TryParse(string column, out string judge, out int repeat)
    {
        ArgumentNullException.ThrowIfNull(column);
        var at = column.LastIndexOf(Separator);
        // Digits only after the separator (NumberStyles.None: no sign, no spaces), a whole number of at least 1.
        if (at > 0 && at < column.Length - 1 && int.TryParse(column.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out repeat) && repeat >= 1)
        {
            judge = column[..at];
            return true;
        }

        judge = column;
        repeat = 0;
        return false;
    }
}
