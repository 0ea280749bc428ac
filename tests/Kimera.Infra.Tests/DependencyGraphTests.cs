using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kimera.TestSupport;

namespace Kimera.Infra.Tests;

/// <summary>
/// The project references of every csproj under src/, tests/ and bench/ follow the dependency rules of
/// docs/architecture.md ("Dependency graph"). The allowed edges are data here; change them together with that page.
/// </summary>
public sealed partial class DependencyGraphTests
{
    /// <summary>
    /// Which src project may reference which other src project: the table and rules of docs/architecture.md
    /// ("Dependency graph"). A src project that is not a key here is itself a violation, so a new project
    /// has to be placed in the graph (and in the docs) before it builds green.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedSourceEdges = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Kimera.Statistics"] = [],
        ["Kimera.Engine"] = ["Kimera.Statistics"],
        ["Kimera.Datasets"] = ["Kimera.Statistics"],
        ["Kimera.Judging"] = ["Kimera.Engine", "Kimera.Statistics"],
        ["Kimera.Reporting"] = ["Kimera.Datasets", "Kimera.Judging", "Kimera.Statistics"],
        ["Kimera.Pipeline"] = ["Kimera.Datasets", "Kimera.Engine", "Kimera.Judging", "Kimera.Reporting", "Kimera.Statistics"],
        ["Kimera.Llm"] = ["Kimera.Judging", "Kimera.Pipeline"],
        ["Kimera.Storage"] = ["Kimera.Pipeline"],
        ["Kimera.Orchestration"] = ["Kimera.Llm", "Kimera.Pipeline"],
        ["Kimera.Functions"] = ["Kimera.Llm", "Kimera.Orchestration", "Kimera.Storage"],
        ["Kimera.Cli"] = ["Kimera.Llm", "Kimera.Pipeline", "Kimera.Storage"],
    };

    /// <summary>The support library (under support/) that the tests and the benchmarks share: dataset paths, Azurite, the fake OpenAI server.</summary>
    public const string TestSupport = "Kimera.TestSupport";

    /// <summary>The Durable Functions host extension on Azurite as a host process (under support/): the orchestration and
    /// Functions tests' real-backend tier and the orchestration-overhead benchmark share it.</summary>
    public const string RealHost = "Kimera.Orchestration.RealHost";

    private static readonly ProjectArea[] ScannedAreas = [ProjectArea.Src, ProjectArea.Support, ProjectArea.Tests, ProjectArea.Bench];

    /// <summary>Package id prefixes that only the hosts (Functions, Cli) and Storage may reference: the rest stays free of cloud SDKs.</summary>
    public static readonly string[] AzurePackagePrefixes = ["Azure.", "Microsoft.Azure."];

    [Fact]
    public void Every_project_reference_in_src_tests_and_bench_is_allowed_by_docs_architecture()
    {
        var edges = ReadEdges(RepoPaths.RepoRoot);

        Assert.NotEmpty(edges);
        Assert.Contains(edges, e => e.From == "Kimera.Functions" && e.To == "Kimera.Orchestration");
        // Given by tests/Directory.Build.props, not by the project file.
        Assert.Contains(edges, e => e.From == "Kimera.Infra.Tests" && e.To == TestSupport && e.ToArea == ProjectArea.Support);
        Assert.Empty(Violations(edges));
    }

    [Fact]
    public void Every_src_project_has_its_place_in_the_allowed_graph()
    {
        var projects = ProjectFiles(Path.Combine(RepoPaths.RepoRoot, "src"))
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.Equal(AllowedSourceEdges.Keys.Order(StringComparer.Ordinal), projects);
    }

    [Fact]
    public void Checker_reports_made_up_forbidden_edges_and_accepts_allowed_ones()
    {
        ProjectEdge[] edges =
        [
            new("Kimera.Statistics", ProjectArea.Src, "Kimera.Engine", ProjectArea.Src),              // Statistics references nothing
            new("Kimera.Llm", ProjectArea.Src, "Kimera.Orchestration", ProjectArea.Src),              // points outward
            new("Kimera.Cli", ProjectArea.Src, "Kimera.Functions", ProjectArea.Src),                  // front end to front end
            new("Kimera.Storage", ProjectArea.Src, TestSupport, ProjectArea.Support),                 // production to test support
            new("Kimera.Engine.Tests", ProjectArea.Tests, "Kimera.Cli.Tests", ProjectArea.Tests),     // test to another test
            new("Kimera.Bench", ProjectArea.Bench, "Kimera.Orchestration.Tests", ProjectArea.Tests),  // bench to a test project
            new("Kimera.Newcomer", ProjectArea.Src, "Kimera.Engine", ProjectArea.Src),                // not in the table
            new("Kimera.TestSupport", ProjectArea.Tests, "Kimera.Engine", ProjectArea.Bench),         // not where it should be
            new("Kimera.Orchestration", ProjectArea.Src, "Kimera.Llm", ProjectArea.Src),              // allowed
            new("Kimera.Functions.Tests", ProjectArea.Tests, "Kimera.Storage", ProjectArea.Src),      // allowed
            new("Kimera.Bench", ProjectArea.Bench, TestSupport, ProjectArea.Support),                 // allowed
            new("Kimera.Bench", ProjectArea.Bench, RealHost, ProjectArea.Tests),                      // a support project kept under tests/
            new("Kimera.Bench", ProjectArea.Bench, RealHost, ProjectArea.Support),                    // allowed
            new(RealHost, ProjectArea.Support, TestSupport, ProjectArea.Support),                     // allowed
            new(RealHost, ProjectArea.Support, "Kimera.Orchestration.Tests", ProjectArea.Tests),      // support to a test project
        ];

        var violations = Violations(edges);

        Assert.Equal(10, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("Kimera.Statistics -> Kimera.Engine", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Kimera.Llm -> Kimera.Orchestration", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Kimera.Newcomer -> Kimera.Engine", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.StartsWith("Kimera.Orchestration -> Kimera.Llm", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.StartsWith("Kimera.Bench -> Kimera.TestSupport", StringComparison.Ordinal));
        Assert.Contains($"Kimera.Bench -> {RealHost}: tests and benchmarks may reference src and support projects only", violations);
        Assert.DoesNotContain(violations, v => v.StartsWith($"{RealHost} -> {TestSupport}", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith($"{RealHost} -> Kimera.Orchestration.Tests", StringComparison.Ordinal));
    }

    /// <summary>The projects that may reference a cloud SDK: the two hosts and the storage adapters.</summary>
    public static readonly string[] CloudProjects = ["Kimera.Functions", "Kimera.Cli", "Kimera.Storage"];

    [Fact]
    public void Only_the_hosts_and_Storage_reference_an_Azure_package()
    {
        var offenders = ProjectFiles(Path.Combine(RepoPaths.RepoRoot, "src"))
            .Where(p => !CloudProjects.Contains(Path.GetFileNameWithoutExtension(p), StringComparer.Ordinal))
            .SelectMany(p => PackageReferences(p).Where(IsAzurePackage).Select(package => $"{Path.GetFileNameWithoutExtension(p)}: {package}"))
            .ToList();

        Assert.Contains(PackageReferences(Path.Combine(RepoPaths.RepoRoot, "src", "Kimera.Storage", "Kimera.Storage.csproj")), IsAzurePackage);
        Assert.Empty(offenders);
    }

    [Fact]
    public void Kimera_Statistics_is_pure_computation_with_no_project_and_only_MathNet()
    {
        var csproj = Path.Combine(RepoPaths.RepoRoot, "src", "Kimera.Statistics", "Kimera.Statistics.csproj");

        Assert.Empty(Items(csproj, "ProjectReference"));
        Assert.Equal(["MathNet.Numerics"], PackageReferences(csproj));
    }

    [Fact]
    public void No_src_project_holds_more_than_35_percent_of_the_src_lines()
    {
        var lines = ProjectFiles(Path.Combine(RepoPaths.RepoRoot, "src")).ToDictionary(
            p => Path.GetFileNameWithoutExtension(p),
            p => SourceFiles(Path.GetDirectoryName(p)!).Sum(f => File.ReadLines(f).LongCount()));
        var total = lines.Values.Sum();

        Assert.True(lines.Count >= 10, $"{lines.Count} src projects");
        Assert.All(lines, p => Assert.True(p.Value <= 0.35 * total, $"{p.Key} holds {p.Value} of {total} src lines"));
    }

    [Theory]
    [InlineData("Azure.Storage.Blobs", true)]
    [InlineData("Microsoft.Azure.Functions.Worker", true)]
    [InlineData("azure.data.tables", true)]
    [InlineData("Microsoft.ML.OnnxRuntime", false)]
    [InlineData("Microsoft.Extensions.Options", false)]
    public void Azure_package_check_recognises_cloud_sdks(string package, bool expected) =>
        Assert.Equal(expected, IsAzurePackage(package));

    [Fact]
    public void Docs_architecture_draws_every_allowed_src_edge()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "docs", "architecture.md"));
        var drawn = MermaidEdge().Matches(doc)
            .Select(m => (From: "Kimera." + m.Groups[1].Value, To: "Kimera." + m.Groups[2].Value))
            .ToHashSet();
        var allowed = AllowedSourceEdges.SelectMany(p => p.Value.Select(to => (From: p.Key, To: to))).ToHashSet();

        Assert.Equal(allowed.Order(), drawn.Order());
    }

    /// <summary>Every ProjectReference of every <c>src/*/*.csproj</c>, <c>tests/*/*.csproj</c> and <c>bench/*/*.csproj</c>, and
    /// those that an area's <c>Directory.Build.props</c> gives every project of the area.</summary>
    public static List<ProjectEdge> ReadEdges(string repoRoot)
    {
        var edges = new List<ProjectEdge>();
        foreach (var area in ScannedAreas)
        {
            var folder = Path.Combine(repoRoot, AreaFolder(area));
            if (!Directory.Exists(folder))
            {
                continue;
            }

            // A Directory.Build.props in the area's folder (tests/ has one) gives its references to every project below it.
            var props = Path.Combine(folder, "Directory.Build.props");
            var shared = File.Exists(props) ? References(props).ToList() : [];
            foreach (var csproj in ProjectFiles(folder))
            {
                var from = Path.GetFileNameWithoutExtension(csproj);
                foreach (var target in References(csproj).Concat(shared))
                {
                    edges.Add(new ProjectEdge(from, area, Path.GetFileNameWithoutExtension(target), AreaOf(repoRoot, target)));
                }
            }
        }

        return edges;
    }

    /// <summary>The edges that break the rules of docs/architecture.md, each with the reason.</summary>
    public static List<string> Violations(IEnumerable<ProjectEdge> edges)
    {
        var violations = new List<string>();
        foreach (var edge in edges)
        {
            var reason = Check(edge);
            if (reason is not null)
            {
                violations.Add($"{edge.From} -> {edge.To}: {reason}");
            }
        }

        return violations;
    }

    public static bool IsAzurePackage(string packageId) =>
        AzurePackagePrefixes.Any(prefix => packageId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static string? Check(ProjectEdge edge)
    {
        if ((edge.To == TestSupport && edge.ToArea != ProjectArea.Support) || (edge.From == TestSupport && edge.FromArea != ProjectArea.Support))
        {
            return $"{TestSupport} must live under support/";
        }

        switch (edge.FromArea)
        {
            case ProjectArea.Src:
                if (!AllowedSourceEdges.TryGetValue(edge.From, out var allowed))
                {
                    return "the source project is not in the allowed graph (add it to docs/architecture.md and DependencyGraphTests)";
                }

                if (edge.ToArea != ProjectArea.Src)
                {
                    return "production code references only projects under src/";
                }

                return allowed.Contains(edge.To, StringComparer.Ordinal)
                    ? null
                    : $"{edge.From} may reference only {(allowed.Length == 0 ? "no other project" : string.Join(", ", allowed))}";

            case ProjectArea.Support:
                // support/: shared by tests and benchmarks, it builds on production code and on other support projects.
                return edge.ToArea is ProjectArea.Src or ProjectArea.Support ? null : "support projects reference only projects under src/ and support/";

            default:
                // tests/ and bench/: anything in src and support; never a test or bench project.
                return edge.ToArea is ProjectArea.Src or ProjectArea.Support
                    ? null
                    : "tests and benchmarks may reference src and support projects only";
        }
    }

    private static IEnumerable<string> Items(string csproj, string itemType) =>
        XDocument.Load(csproj).Descendants()
            .Where(e => e.Name.LocalName == itemType)
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>();

    private static List<string> PackageReferences(string csproj) => [.. Items(csproj, "PackageReference")];

    /// <summary>The C# files of a project, without what a build generates under obj/ and bin/.</summary>
    private static IEnumerable<string> SourceFiles(string projectDir) =>
        Directory.EnumerateFiles(projectDir, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(projectDir, f).Split(Path.DirectorySeparatorChar)[0] is not ("obj" or "bin"));

    /// <summary>The full paths of the ProjectReferences of a project or props file (<c>$(MSBuildThisFileDirectory)</c> is its folder).</summary>
    private static IEnumerable<string> References(string projectFile)
    {
        var folder = Path.GetDirectoryName(projectFile)!;
        return Items(projectFile, "ProjectReference").Select(include => Path.GetFullPath(Path.Combine(
            folder, include.Replace("$(MSBuildThisFileDirectory)", string.Empty, StringComparison.Ordinal).Replace('\\', '/'))));
    }

    private static string AreaFolder(ProjectArea area) => area switch
    {
        ProjectArea.Src => "src",
        ProjectArea.Support => "support",
        ProjectArea.Tests => "tests",
        ProjectArea.Bench => "bench",
        _ => throw new ArgumentOutOfRangeException(nameof(area), area, "Only src, support, tests and bench are scanned."),
    };

    private static ProjectArea AreaOf(string repoRoot, string path)
    {
        var relative = Path.GetRelativePath(repoRoot, path).Replace('\\', '/');
        foreach (var area in ScannedAreas)
        {
            if (relative.StartsWith(AreaFolder(area) + "/", StringComparison.Ordinal))
            {
                return area;
            }
        }

        return ProjectArea.Outside;
    }

    /// <summary><c>folder/*/*.csproj</c>: the projects, not what a build generates below them (the Functions SDK writes a
    /// WorkerExtensions.csproj under obj/).</summary>
    private static IEnumerable<string> ProjectFiles(string folder) =>
        Directory.GetDirectories(folder).SelectMany(d => Directory.GetFiles(d, "*.csproj", SearchOption.TopDirectoryOnly));

    // "Pipeline --> Engine" style edges of the mermaid graph in docs/architecture.md (project names without "Kimera.").
    [GeneratedRegex(@"^\s*([A-Z][A-Za-z]+)\s*-->\s*([A-Z][A-Za-z]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex MermaidEdge();
}

/// <summary>Where a project lives in the repository.</summary>
public enum ProjectArea
{
    Src,
    Support,
    Tests,
    Bench,
    Outside,
}

/// <summary>One ProjectReference: <paramref name="From"/> references <paramref name="To"/>.</summary>
public sealed record ProjectEdge(string From, ProjectArea FromArea, string To, ProjectArea ToArea);
