namespace Kimera.TestSupport;

/// <summary>
/// Locates the repository and the datasets the tests and benchmarks read, all of them inside the clone: the shipped samples
/// (<c>samples/</c>) and the test datasets from the original Kimera prototype (<c>tests/data/</c>, described in its README;
/// the shapes are in docs/datasets.md). Nothing is read from outside the repository (NoOutsideReferencesTests in
/// Kimera.Infra.Tests keeps it so).
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The directory that holds <c>Kimera.sln</c>.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The datasets only the tests and benchmarks use: <c>tests/data/</c>.</summary>
    public static string TestDataDirectory => Path.Combine(RepoRoot, "tests", "data");

    /// <summary>The datasets shipped for users: <c>samples/</c>.</summary>
    public static string SamplesDirectory => Path.Combine(RepoRoot, "samples");

    /// <summary>A file of <c>tests/data/</c> (mixed_quick.csv, mixed_contradictions.csv, contradictions_offline.csv,
    /// toy_contradictions.csv); fails naming the path when it is missing.</summary>
    /// <exception cref="FileNotFoundException">The file is not in tests/data.</exception>
    public static string TestData(string fileName) => Existing(TestDataDirectory, fileName, "tests/data");

    /// <summary>A file of <c>samples/</c> (sample_pairs.csv, sentences.txt, mixed_5k.csv, contradictions_2k.csv); fails naming
    /// the path when it is missing.</summary>
    /// <exception cref="FileNotFoundException">The file is not in samples.</exception>
    public static string Samples(string fileName) => Existing(SamplesDirectory, fileName, "samples");

    private static string Existing(string directory, string fileName, string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            var present = Directory.Exists(directory)
                ? string.Join(", ", Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
                : "the folder itself is missing";
            throw new FileNotFoundException(
                $"Dataset '{fileName}' is not in {folder}/ ('{path}' is missing; {folder}/ holds: {present}). The repository ships every "
                + "dataset its tests and benchmarks read: restore the file from git (git checkout -- " + folder + "/" + fileName + ").",
                path);
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kimera.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Kimera.sln above {AppContext.BaseDirectory}.");
    }
}
