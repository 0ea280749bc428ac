using System.Globalization;
using Kimera.TestSupport;

namespace Kimera.Bench;

/// <summary>What every benchmark needs besides its own measurement: its options, its input texts, the machine's load.</summary>
internal static class BenchSupport
{
    /// <summary>The whole-number value after <paramref name="name"/> in <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static int IntArg(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>The comma-separated whole numbers after <paramref name="name"/> in <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static int[] IntList(string[] args, string name, int[] fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? [.. args[at + 1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] : fallback;
    }

    /// <summary>The one-minute load average (printed beside every figure, since the machine is shared); n/a off Linux.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>The distinct texts of a pairs file's <c>text1</c> and <c>text2</c> columns.</summary>
    public static HashSet<string> ReadDistinctTexts(string path) =>
        CsvRows.Read(path).SelectMany(row => new[] { row["text1"], row["text2"] }).ToHashSet(StringComparer.Ordinal);
}
