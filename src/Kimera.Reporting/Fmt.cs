using System.Globalization;

namespace Kimera.Reporting;

/// <summary>Number formats of the report: invariant culture, a dash for what is undefined.</summary>
internal static class Fmt
{
    public const string None = "–";

    public static string Metric(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : None;

    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : None;

    public static string Interval(IReadOnlyList<double>? interval) =>
        interval is { Count: 2 } ci ? $"[{Metric(ci[0])}, {Metric(ci[1])}]" : string.Empty;

    public static string WithInterval(double? value, IReadOnlyList<double>? interval) =>
        value is null ? None : interval is { Count: 2 } ? $"{Metric(value)} {Interval(interval)}" : Metric(value);

    /// <summary>A p-value as a reader expects it: three decimals, or two significant digits in scientific form when tiny.</summary>
    public static string P(double? p) => p switch
    {
        null => None,
        >= 0.001 => p.Value.ToString("0.000", CultureInfo.InvariantCulture),
        0 => "< 1e-300",
        _ => p.Value.ToString("0.0e+00", CultureInfo.InvariantCulture),
    };
}
