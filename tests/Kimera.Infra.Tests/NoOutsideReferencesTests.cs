using Kimera.TestSupport;

namespace Kimera.Infra.Tests;

/// <summary>
/// The repository explains itself and holds what it needs: no code comment, README or doc points at the specification files
/// that once lived outside it (docs/ holds the architecture, algorithm and dataset shapes instead), and no code, test or
/// benchmark reads the folder beside the clone that once held the datasets (they are in tests/data and samples now), so a
/// fresh clone passes its tests with nothing beside it.
/// </summary>
public sealed class NoOutsideReferencesTests
{
    /// <summary>
    /// Spelled in pieces so that this file does not match itself. The names are the old outside specification
    /// files and the folder beside the clone that held them and the datasets, as a path with either separator or as
    /// <c>Path.Combine</c> arguments.
    /// </summary>
    public static readonly string[] OutsideReferences =
        ["KIMERA" + "_SPEC", "DESIGN" + ".md", ".." + "/shared", ".." + "\\shared", "\"..\", \"" + "shared\""];

    /// <summary>Folders (and the root README) that must not point outside the repository. No file is exempt.</summary>
    public static readonly string[] CheckedRoots = ["src", "support", "tests", "bench", "docs", "README.md"];

    private static readonly string[] TextExtensions =
        [".cs", ".md", ".csproj", ".props", ".targets", ".json", ".txt", ".sh", ".ps1", ".yml", ".yaml", ".bicep", ".html", ".css", ".js", ".csv"];

    [Fact]
    public void No_file_under_src_tests_bench_docs_or_the_readme_points_outside_the_repository()
    {
        var files = CheckedFiles(RepoPaths.RepoRoot).ToList();

        Assert.Contains("README.md", files);
        Assert.Contains(files, f => f.StartsWith("docs/", StringComparison.Ordinal));
        Assert.Contains("support/Kimera.TestSupport/RepoPaths.cs", files);
        var offenders = files
            .SelectMany(f => Mentions(f, File.ReadAllLines(Path.Combine(RepoPaths.RepoRoot, f))))
            .ToList();
        Assert.True(offenders.Count == 0, "Point at docs/ instead, and read datasets with RepoPaths.TestData or RepoPaths.Samples:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Scanner_finds_each_outside_reference_and_ignores_docs_links_and_the_word_shared()
    {
        string[] lines =
        [
            "/// See " + "KIMERA" + "_SPEC §3.",
            "// the contracts of " + "DESIGN" + ".md §4",
            "var path = \"../../" + ".." + "/shared/datasets/x.csv\";",
            "/// See docs/algorithm.md (Resonance).",
            "var shared = Path.Combine(root, \"" + "..\", \"" + "shared\", \"datasets\");",
            "var windows = @\"" + "..\\" + "shared\\datasets\";",
            "/// Stored where the shared caches live (shared by a team).",
            "var data = RepoPaths.TestData(\"mixed_quick.csv\");",
        ];

        var found = Mentions("made/up.cs", lines).ToList();

        Assert.Equal(
            ["made/up.cs:1: ", "made/up.cs:2: ", "made/up.cs:3: ", "made/up.cs:5: ", "made/up.cs:6: "],
            found.Select(f => f[..(f.IndexOf(": ", StringComparison.Ordinal) + 2)]));
    }

    /// <summary>Repository-relative paths ('/' separators) of the text files to check, build output excluded.</summary>
    public static IEnumerable<string> CheckedFiles(string repoRoot)
    {
        foreach (var root in CheckedRoots)
        {
            var full = Path.Combine(repoRoot, root);
            if (File.Exists(full))
            {
                yield return root;
                continue;
            }

            if (!Directory.Exists(full))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(repoRoot, file).Replace('\\', '/');
                var parts = relative.Split('/');
                if (parts.Contains("bin") || parts.Contains("obj") || parts.Contains("node_modules")
                    || !TextExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                yield return relative;
            }
        }
    }

    /// <summary>"file:line: text" for every line that names an outside reference.</summary>
    public static IEnumerable<string> Mentions(string file, IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (OutsideReferences.Any(r => lines[i].Contains(r, StringComparison.Ordinal)))
            {
                yield return $"{file}:{i + 1}: {lines[i].Trim()}";
            }
        }
    }
}
