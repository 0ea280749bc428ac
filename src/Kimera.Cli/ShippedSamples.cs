using System.Reflection;

namespace Kimera.Cli;

/// <summary>
/// The sample datasets of the repository's <c>samples/</c> folder, carried inside kimera.dll as embedded resources named
/// <c>samples/&lt;file name&gt;</c> (Kimera.Cli.csproj embeds every file of that folder), so that an installed tool can
/// write them out (<c>kimera samples</c>) byte for byte as the repository has them.
/// </summary>
public static class ShippedSamples
{
    /// <summary>The prefix of the samples' resource names.</summary>
    public const string ResourcePrefix = "samples/";

    /// <summary>The file the help examples and the next step after <c>kimera samples</c> run.</summary>
    public const string FirstRun = "sample_pairs.csv";

    private static Assembly Assembly => typeof(ShippedSamples).Assembly;

    /// <summary>The file names of the shipped samples, in ordinal order.</summary>
    public static IReadOnlyList<string> FileNames { get; } = Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(name => name[ResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Opens the shipped sample <paramref name="fileName"/> (one of <see cref="FileNames"/>) for reading.</summary>
    public static Stream Open(string fileName) =>
        Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
        ?? throw new ArgumentException($"No shipped sample is named '{fileName}'.", nameof(fileName));
}
