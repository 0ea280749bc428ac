namespace Kimera.TestSupport;

/// <summary>
/// Locates the repository and the original project's datasets. Those datasets are not part of the repository: the tests
/// that use them expect them in <c>../shared/datasets</c>, a folder beside the clone (the shapes are in docs/datasets.md).
/// This is the only file that may name that folder (NoOutsideReferencesTests in Kimera.Infra.Tests keeps it so).
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The directory that holds <c>Kimera.sln</c>.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The original project's datasets, expected beside the clone (not shipped in the repository).</summary>
    public static string SharedDatasets => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"));

    public static string SharedDataset(string fileName)
    {
        var path = Path.Combine(SharedDatasets, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Shared dataset '{path}' is missing: the tests that use the original project's datasets expect them in ../shared/datasets beside the clone.", path);
        }

        return path;
    }

    public static string Samples(string fileName) => Path.Combine(RepoRoot, "samples", fileName);

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
