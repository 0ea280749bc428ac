using System.Globalization;
using System.Reflection;
using Kimera.Pipeline;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>The one table of the command line's run options: each option's <see cref="RunSpec"/> property. It builds the spec
/// from the parsed arguments (bound as the <c>Kimera:Run</c> section is, <see cref="RunSpec.WithOptions"/>) and names the
/// option in <see cref="RunSpec.Validate"/>'s messages, for <c>kimera run</c> and <c>kimera analyze</c> alike.</summary>
public static class RunOptions
{
    /// <summary>Option → property; a hidden alias (a former spelling) follows its option and wins when given.</summary>
    public static readonly IReadOnlyList<RunOption> Table =
    [
        new("--chunk-size", nameof(RunSpec.ChunkSize)),
        new("--parallelism", nameof(RunSpec.Parallelism)),
        new("--seed", nameof(RunSpec.Seed)),
        new("--max-pairs", nameof(RunSpec.MaxPairs)),
        new("--sample", nameof(RunSpec.Sample)),
        new("--max-text-length", nameof(RunSpec.MaxTextLength)),
        new("--judges", nameof(RunSpec.Judges)),
        new("--bootstrap-resamples", nameof(RunSpec.BootstrapResamples)),
        new("--bootstrap", nameof(RunSpec.BootstrapResamples), IsAlias: true),
        new("--folds", nameof(RunSpec.Folds)),
        new("--format", nameof(RunSpec.Format)),
        new("--text1-column", nameof(RunSpec.Text1Column)),
        new("--text2-column", nameof(RunSpec.Text2Column)),
        new("--label-column", nameof(RunSpec.LabelColumn)),
        new("--id-column", nameof(RunSpec.IdColumn)),
        new("--positive-label", nameof(RunSpec.PositiveLabels)),
    ];

    /// <summary>A <see cref="RunSpec"/> property's option name (not an alias), for error messages.</summary>
    public static string OptionName(string specProperty) =>
        Table.FirstOrDefault(o => !o.IsAlias && o.Property == specProperty)?.Option ?? specProperty;

    /// <summary>The option names as <paramref name="settings"/> gave them: an alias when the alias was used.</summary>
    public static Func<string, string> OptionNames(CommandSettings settings)
    {
        var given = Given(settings).Where(g => g.Row.IsAlias).ToDictionary(g => g.Row.Property, g => g.Row.Option, StringComparer.Ordinal);
        return property => given.GetValueOrDefault(property) ?? OptionName(property);
    }

    /// <summary>The names of the options of a spec built over configured defaults (<see cref="ToSpec"/>): an option given on
    /// the command line as <paramref name="settings"/> gave it, any other by its configuration key (<c>Kimera:Run:Sample</c>).</summary>
    public static Func<string, string> OptionNames(CommandSettings settings, Func<string, string> notGiven)
    {
        ArgumentNullException.ThrowIfNull(notGiven);
        var given = Given(settings).GroupBy(g => g.Row.Property, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(o => !o.Row.IsAlias).First().Row.Option, StringComparer.Ordinal);
        return property => given.GetValueOrDefault(property) ?? notGiven(property);
    }

    /// <summary>The spec <paramref name="settings"/> describe: each option of the table given on the command line (the
    /// settings carry no default of their own: an option left out is <c>null</c>), bound over <paramref name="defaults"/>
    /// (<c>kimera run</c>: the <c>Kimera:Run</c> section of its configuration) or a new spec, hence the precedence command
    /// line &gt; configuration &gt; <see cref="RunSpec"/>'s defaults. The judges and the sweep are not in it: the caller sets them.</summary>
    public static RunSpec ToSpec(CommandSettings settings, RunSpec? defaults = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (row, value) in Given(settings).Where(g => g.Row.Property != nameof(RunSpec.Judges)).OrderBy(g => g.Row.IsAlias))
        {
            values[row.Property] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        return (defaults ?? new RunSpec()).WithOptions(values);
    }

    /// <summary>An option given both by its name and by an alias, or <c>null</c>.</summary>
    public static string? Conflict(CommandSettings settings)
    {
        var given = Given(settings).ToList();
        foreach (var alias in given.Where(g => g.Row.IsAlias))
        {
            if (given.FirstOrDefault(g => !g.Row.IsAlias && g.Row.Property == alias.Row.Property) is { Row: not null } option)
            {
                return $"{option.Row.Option} and {alias.Row.Option} are the same option; give one of them.";
            }
        }

        return null;
    }

    /// <summary>Every option of the table that <paramref name="settings"/> declares and holds a value for: the options given.</summary>
    private static IEnumerable<(RunOption Row, object Value)> Given(CommandSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } option
                || Table.FirstOrDefault(r => option.LongNames.Any(n => "--" + n == r.Option)) is not { } row
                || property.GetValue(settings) is not { } value)
            {
                continue;
            }

            yield return (row, value);
        }
    }
}

/// <param name="Option">The option as typed, e.g. <c>--chunk-size</c>.</param>
/// <param name="Property">The <see cref="RunSpec"/> property it sets, which is also its configuration key below <c>Kimera:Run</c>.</param>
/// <param name="IsAlias">A former spelling, hidden from the help and still accepted.</param>
public sealed record RunOption(string Option, string Property, bool IsAlias = false);
