namespace Kimera.TestSupport;

/// <summary>Locates the repository and the shared datasets (<c>../shared/datasets</c> beside the clone).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The directory that holds <c>Kimera.sln</c>.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The original project's datasets, shipped beside the repository.</summary>
    public static string SharedDatasets => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"));

    public static string SharedDataset(string fileName)
    {
        var path = Path.Combine(SharedDatasets, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Shared dataset '{path}' is missing: tests expect ../shared/datasets beside the repository.", path);
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
