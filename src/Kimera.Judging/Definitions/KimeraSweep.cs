using System.Globalization;
using Kimera.Statistics.Sweeps;

namespace Kimera.Judging.Definitions;

/// <summary>
/// <c>--sweep option=from:to:step</c>: one Kimera variant per value of one engine option, all in one run (so the texts are
/// embedded once). Values are stepped in decimal arithmetic, so <c>0.6:0.9:0.05</c> gives exactly 0.6, 0.65, …, 0.9 and
/// no 0.8999999; each variant is named <c>kimera_VALUE</c> with as many decimals as the step has.
/// </summary>
public sealed record KimeraSweep(string Parameter, string Option, IReadOnlyList<decimal> Values, int Decimals)
{
    /// <summary>Most values of one sweep.</summary>
    public const int MaxValues = 50;

    /// <summary>Reads <paramref name="text"/>; the error names the problem in the user's words.</summary>
    public static (KimeraSweep? Sweep, string? Error) Parse(string text, string optionName = "--sweep")
    {
        ArgumentNullException.ThrowIfNull(text);
        var usage = $"{optionName} takes option=from:to:step, e.g. resonance_threshold=0.6:0.9:0.05";
        var parts = text.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            return (null, $"{usage} (got '{text}').");
        }

        if (KimeraOptionOverrides.Canonical(parts[0]) is not { } option)
        {
            return (null, $"{optionName}: '{parts[0]}' is not a Kimera engine option a judge can override (known: {string.Join(", ", KimeraOptionOverrides.Names)}).");
        }

        if (KimeraOptionOverrides.TypeOf(option) == typeof(bool))
        {
            return (null, $"{optionName}: {option} is a switch, not a number; compare its two settings with a judge file instead.");
        }

        var range = parts[1].Split(':', StringSplitOptions.TrimEntries);
        decimal from = 0, to = 0, step = 0;
        if (range.Length != 3 || !Number(range[0], out from) || !Number(range[1], out to) || !Number(range[2], out step))
        {
            return (null, $"{usage} (got '{text}').");
        }

        if (step <= 0 || to < from)
        {
            return (null, $"{optionName}: the step must be above 0 and 'to' at least 'from' (got {parts[1]}).");
        }

        var count = (int)Math.Min(int.MaxValue, Math.Floor((to - from) / step) + 1);
        if (count > MaxValues)
        {
            return (null, $"{optionName}: {parts[1]} gives {count} values; at most {MaxValues} per run.");
        }

        var values = Enumerable.Range(0, count).Select(i => from + (i * step)).ToArray();
        if (KimeraOptionOverrides.TypeOf(option) == typeof(int) && values.Any(v => v != decimal.Truncate(v)))
        {
            return (null, $"{optionName}: {option} takes whole numbers (got {parts[1]}).");
        }

        var decimals = new[] { from, step }.Max(d => d.Scale);
        return (new KimeraSweep(parts[0], option, values, decimals), null);
    }

    /// <summary>One Kimera variant per value, in increasing order.</summary>
    public IReadOnlyList<JudgeDefinition> Judges() =>
        [.. Values.Select(v => new JudgeDefinition
        {
            Name = JudgeName(v),
            Kind = JudgeKinds.Kimera,
            Options = new Dictionary<string, string>(StringComparer.Ordinal) { [Option] = Invariant(v) },
        })];

    /// <summary>The statistics' view of the sweep: which judge ran with which value.</summary>
    public SweepAxis Axis() => new(Parameter, [.. Values.Select(v => new SweepPoint(JudgeName(v), (double)v))]);

    private string JudgeName(decimal value) => JudgeNames.Kimera + "_" + value.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Invariant(decimal value) => ((double)value).ToString("R", CultureInfo.InvariantCulture);

    private static bool Number(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
