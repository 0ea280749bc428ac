using System.Globalization;
using System.Text;
using CsvHelper;

namespace Kimera.Pipeline.Artifacts;

/// <summary>The one CSV dialect the pipeline writes: RFC 4180, comma, UTF-8 without BOM, '\n' line ends, invariant numbers.</summary>
internal static class CsvFormat
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with
    {
        Separator = ',',
        NewLine = "\n",
        WriteByteOrderMark = false,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
    {
        Separator = ',',
        TrackLineNumbers = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Results tables (pairs.csv, analyze input): malformed quoting is an error with its line, never silently repaired.</summary>
    public static readonly CsvReaderOptions ResultsReaderOptions = ReaderOptions with
    {
        MalformedData = CsvMalformedDataHandling.Throw,
    };

    /// <summary>Shortest text that parses back to the same double (byte-stable across runs).</summary>
    public static string Number(double? value) =>
        value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    public static string Bool(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => string.Empty,
    };

    public static bool? ParseBool(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new FormatException($"'{text}' is not a boolean (expected true/false/1/0 or empty)."),
    };

    public static double? ParseNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a number.");
    }
}
