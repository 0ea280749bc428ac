using System.Globalization;
using Spectre.Console;

namespace Kimera.Cli.Summary;

/// <summary>Picks the summary's output: a terminal gets <see cref="AnsiSummaryOutput"/>, anything else
/// <see cref="PlainSummaryOutput"/>; both honour <c>COLUMNS</c>.</summary>
public static class SummaryOutputs
{
    /// <summary>Width of a pipe or file without <c>COLUMNS</c>: what most terminals and CI log viewers show.</summary>
    public const int DefaultWidth = 80;

    /// <summary><c>COLUMNS</c> when it holds a positive whole number, else null.</summary>
    public static int? ColumnsVariable =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0
            ? columns
            : null;

    /// <summary>The summary output of <c>kimera run</c>: <paramref name="console"/> when standard output is a terminal,
    /// plain lines on standard output otherwise.</summary>
    public static ISummaryOutput ForStandardOutput(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (Console.IsOutputRedirected)
        {
            return new PlainSummaryOutput(Console.Out, ColumnsVariable ?? DefaultWidth);
        }

        if (ColumnsVariable is { } columns)
        {
            console.Profile.Width = columns;
        }

        return new AnsiSummaryOutput(console);
    }

    /// <summary>The summary output for <paramref name="output"/>: a terminal when it is the console's own standard output
    /// and that is not redirected, plain otherwise.</summary>
    public static ISummaryOutput For(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
            ? ForStandardOutput(AnsiConsole.Console)
            : new PlainSummaryOutput(output, ColumnsVariable ?? DefaultWidth);
    }
}
