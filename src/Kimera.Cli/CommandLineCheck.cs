using System.Globalization;
using System.Reflection;
using Spectre.Console.Cli;

namespace Kimera.Cli;

/// <summary>
/// Checks a command's options against its settings type before Spectre.Console.Cli parses them, for the two messages
/// Spectre does not give: an unknown option with the closest known one ("did you mean --max-pairs?") and a value that is
/// not a number naming its option. Spectre's strict parsing (also on) reports an unknown option without a suggestion
/// (its suggestions are for mistyped command names), and a failed conversion as "Failed to convert 'abc' to Int32."
/// without the option; no library in the build computes the suggestion, so a small edit distance does.
/// Whatever this check lets through is still parsed by Spectre, so it only has to be right about what it rejects.
/// </summary>
internal static class CommandLineCheck
{
    /// <summary>Spectre's own options on every command.</summary>
    private static readonly string[] BuiltIn = ["-h", "--help", "-?"];

    /// <returns>The problem with the options of <paramref name="args"/> (the arguments after the command name), or null.</returns>
    public static string? FindProblem(Type settingsType, IReadOnlyList<string> args)
    {
        var options = settingsType.GetProperties()
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(o => o.Attribute is not null)
            .Select(o => new KnownOption(o.Attribute!, o.Property.PropertyType))
            .ToArray();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                break;
            }

            if (arg.Length < 2 || arg[0] != '-' || double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            var (typed, inline) = Split(arg);
            if (BuiltIn.Contains(typed, StringComparer.Ordinal))
            {
                continue;
            }

            if (typed.Length > 2 && typed[1] != '-' && typed.Skip(1).All(c => options.Any(o => o.Names.Contains("-" + c, StringComparer.Ordinal))))
            {
                // Short options together (-vo DIR): the last one may take the value.
                typed = "-" + typed[^1];
            }

            var option = options.FirstOrDefault(o => o.Names.Contains(typed, StringComparer.Ordinal));
            if (option is null)
            {
                return Unknown(typed, options);
            }

            if (option.IsFlag)
            {
                continue;
            }

            var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is not null && option.Describe(value) is { } problem)
            {
                return $"{typed}: '{value}' {problem}.";
            }
        }

        return null;
    }

    /// <summary>Optimal string alignment distance: edits, with a swap of two neighbours as one (<c>--inptu</c> is one from <c>--input</c>).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static (string Name, string? Value) Split(string arg)
    {
        // Spectre reads --name=value and --name:value as the name and its value.
        var at = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOfAny(['=', ':']) : -1;
        return at < 0 ? (arg, null) : (arg[..at], arg[(at + 1)..]);
    }

    private static string Unknown(string typed, KnownOption[] options)
    {
        // Close enough to be a typo: one edit in a short name, one in three in a longer one.
        var allowed = Math.Max(1, typed.TrimStart('-').Length / 3);
        var closest = options
            .SelectMany(o => o.Names)
            .Select(name => (Name: name, Distance: Distance(typed.ToLowerInvariant(), name)))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        if (closest.Name is not null)
        {
            return $"unknown option '{typed}'; did you mean '{closest.Name}'?";
        }

        var known = options.Select(o => string.Join('|', o.Names)).Append("-h|--help");
        return $"unknown option '{typed}'; known options: {string.Join(", ", known)}";
    }

    private sealed class KnownOption(CommandOptionAttribute attribute, Type type)
    {
        private readonly Type _type = Nullable.GetUnderlyingType(type) ?? type;

        public IReadOnlyList<string> Names { get; } =
            [.. attribute.ShortNames.Select(n => "-" + n), .. attribute.LongNames.Select(n => "--" + n)];

        public bool IsFlag => _type == typeof(bool);

        /// <summary>What is wrong with a value of this option's type, or null when it converts.</summary>
        public string? Describe(string value)
        {
            if (_type == typeof(int))
            {
                return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "is not a whole number";
            }

            if (_type == typeof(double))
            {
                return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? null
                    : "is not a number";
            }

            return null;
        }
    }
}
