namespace Kimera.TestSupport;

/// <summary>Where tests keep what they produce for people to look at (screenshots): <c>TEST_RESULTS_DIR</c>, or
/// <c>artifacts/test-results</c> under the repository.</summary>
public static class TestResultsDirectory
{
    /// <summary>The folder <paramref name="parts"/> under the results directory, created.</summary>
    public static string Of(params string[] parts)
    {
        var root = Environment.GetEnvironmentVariable("TEST_RESULTS_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepoPaths.RepoRoot, "artifacts", "test-results");
        var directory = Path.Combine([root, .. parts]);
        Directory.CreateDirectory(directory);
        return directory;
    }
}
