using System.Globalization;

namespace Kimera.Statistics.Noise;

/// <summary>The column groups of an LLM judge asked several times: its majority verdict under its own name, then one group
/// per repeat named <c>name@k</c> (k = 1..repeats). Judge names cannot contain <c>@</c>, so the two never collide.</summary>
public static class RepeatColumns
{
    public const char Separator = '@';

    /// <summary>The column prefix of repeat <paramref name="repeat"/> (1-based) of <paramref name="judge"/>.</summary>
    public static string Name(string judge, int repeat) => string.Create(CultureInfo.InvariantCulture, $"{judge}{Separator}{repeat}");

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
