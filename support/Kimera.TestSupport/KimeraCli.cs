namespace Kimera.TestSupport;

/// <summary>Where the built <c>kimera</c> command is, for the tests and benchmarks that run it as its own process, as a user would.</summary>
public static class KimeraCli
{
    /// <summary><c>kimera.dll</c> as built in its own project (src/Kimera.Cli/bin, with its own deps and runtime config), in the
    /// configuration and target framework of the calling binary (a Release test or benchmark runs the Release command).</summary>
    /// <exception cref="FileNotFoundException">src/Kimera.Cli is not built in that configuration.</exception>
    public static string Dll
    {
        get
        {
            // The caller runs from <project>/bin/<configuration>/<framework>/.
            var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = baseDirectory.Name;
            var configuration = baseDirectory.Parent?.Name ?? "Release";
            var path = Path.Combine(RepoPaths.RepoRoot, "src", "Kimera.Cli", "bin", configuration, framework, "kimera.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"Build src/Kimera.Cli ({configuration}) first: {path} is missing (dotnet build Kimera.sln -c {configuration}).", path);
        }
    }
}
