using System.Text.RegularExpressions;
using Kimera.TestSupport;

namespace Kimera.Infra.Tests;

/// <summary>
/// A test class that starts a process, uses Azurite or runs a browser carries <c>[Trait("Category", "Process")]</c>,
/// <c>"Azurite"</c> or <c>"Browser"</c>, so that <c>./test.sh --fast</c> (which leaves those categories and "Slow" out) never
/// runs it and a new test cannot forget its category. Found by reading the test sources: a class whose code names one of
/// the <see cref="Seeds"/>, or a helper type of the tests that names one (a fixture that runs kimera, a harness on Azurite,
/// transitively), needs the matching trait on the class itself.
/// </summary>
public sealed partial class TestCategoryTests
{
    public const string Process = "Process";
    public const string Azurite = "Azurite";
    public const string Browser = "Browser";

    /// <summary>What marks code as starting a process, using Azurite or running a browser: the .NET and Playwright APIs and the
    /// support types that do it (identifiers matched whole, case-insensitively, outside comments).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Seeds = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // KimeraCli locates kimera.dll for running it; ChildHostProcess is the real durable host as a child process, and
        // ChildHostGroup several of them.
        [Process] = ["Process.Start", "ProcessStartInfo", "new Process", "KimeraCli", "ChildHostProcess", "ChildHostGroup"],
        [Azurite] = ["AzuriteFixture", "UseDevelopmentStorage", "devstoreaccount1"],
        [Browser] = ["Playwright", "chromium"],
    };

    /// <summary>Classes that name a seed without doing what it marks, each with the category it does not need and why. A
    /// stale entry (the class is gone or no longer names the seed) fails the checker too.</summary>
    public static readonly IReadOnlyDictionary<string, (string Category, string Why)> Exempt = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["OptionsValidationTests"] = (Azurite, "binds AzureWebJobsStorage=UseDevelopmentStorage=true and checks the endpoints it names; it sends no request"),
    };

    /// <summary>This file names every seed; it is the checker, not a test that starts anything.</summary>
    public const string CheckerFile = "tests/Kimera.Infra.Tests/TestCategoryTests.cs";

    [Fact]
    public void Every_test_class_that_starts_a_process_uses_Azurite_or_a_browser_carries_its_category()
    {
        var tests = Path.Combine(RepoPaths.RepoRoot, "tests");
        var sources = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(RepoPaths.RepoRoot, f).Replace('\\', '/'), Full: f))
            .Where(f => !f.Path.Split('/').Any(part => part is "bin" or "obj") && f.Path != CheckerFile)
            .Select(f => new SourceFile(f.Path, File.ReadAllText(f.Full)))
            .ToList();

        var classes = TestClasses(sources);

        // The checker sees the kinds of class it is for, so that a broken parser cannot pass by finding nothing.
        Assert.Contains(classes, c => c.Name == "RunsApiTests" && c.Required.Contains(Azurite));
        Assert.Contains(classes, c => c.Name == "RunCommandTests" && c.Required.Contains(Process));
        Assert.Contains(classes, c => c.Name == "RunReportTests" && c.Required.Contains(Browser));
        Assert.Contains(classes, c => c.Name == "AzureStorageBackendTests" && c.Required.Contains(Azurite));
        Assert.Contains(classes, c => c.Name == "NoOutsideReferencesTests" && c.Required.Count == 0);
        Assert.All(Exempt, e => Assert.Contains(classes, c => c.Name == e.Key && c.Required.Contains(e.Value.Category)));
        var missing = classes
            .Select(c => Exempt.TryGetValue(c.Name, out var exempt) ? c with { Required = c.Required.Where(r => r != exempt.Category).ToHashSet() } : c)
            .Where(c => c.Missing.Count > 0)
            .Select(c => $"{c.File}: {c.Name} needs {string.Join(", ", c.Missing.Select(m => $"[Trait(\"Category\", \"{m}\")]"))}")
            .ToList();
        Assert.True(missing.Count == 0, "Add the category on the class (./test.sh --fast leaves these out):\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Checker_follows_helpers_and_base_classes_and_ignores_comments()
    {
        SourceFile[] sources =
        [
            new("tests/A/Runner.cs", """
                namespace A;

                /// <summary>Runs the tool: Process.Start in a comment is not a use.</summary>
                internal static class Runner
                {
                    public static void Run() => System.Diagnostics.Process.Start("tool");
                }

                internal sealed class Harness(Kimera.TestSupport.Azurite.AzuriteFixture azurite)
                {
                    public string Storage => azurite.ConnectionString;
                }
                """),
            new("tests/A/Tests.cs", """
                namespace A;

                [Trait("Category", "Process")]
                public sealed class TaggedTests
                {
                    [Fact]
                    public void Runs() => Runner.Run();
                }

                public sealed class UntaggedTests
                {
                    [Fact]
                    public void Runs() => Runner.Run();
                }

                public sealed class CommentOnlyTests
                {
                    // Not Process.Start, not an AzuriteFixture: a comment.
                    [Theory]
                    [InlineData(1)]
                    public void Counts(int n) => Assert.Equal(1, n);
                }

                [Trait("Category", "Slow")]
                [Trait("Category", "Azurite")]
                public abstract class StoredTests(Harness harness)
                {
                    [Fact]
                    public void Stores() => Assert.NotNull(harness.Storage);
                }

                public sealed class DerivedTests(Harness harness)
                    : StoredTests(harness);
                """),
        ];

        var classes = TestClasses(sources).ToDictionary(c => c.Name);

        Assert.Equal(["CommentOnlyTests", "DerivedTests", "StoredTests", "TaggedTests", "UntaggedTests"], classes.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(classes["TaggedTests"].Missing);
        Assert.Equal([Process], classes["UntaggedTests"].Missing);
        Assert.Empty(classes["CommentOnlyTests"].Required);
        Assert.Equal([Azurite, "Slow"], classes["StoredTests"].Carried.Order(StringComparer.Ordinal));
        Assert.Empty(classes["StoredTests"].Missing);
        // A derived class runs its base's tests: it needs the base's categories on itself.
        Assert.Equal([Azurite], classes["DerivedTests"].Missing);
    }

    /// <summary>Every test class of the sources (one with a [Fact] or [Theory], or derived from one), with the categories it
    /// needs and those it carries.</summary>
    public static List<TestClass> TestClasses(IReadOnlyCollection<SourceFile> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var types = sources.SelectMany(s => Segments(s)).ToList();

        // Helper types inherit the categories of what they use, until nothing changes (a fixture that uses a runner...).
        var markers = Seeds.ToDictionary(p => p.Key, p => p.Value.ToHashSet(StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var type in types.Where(t => !t.HasTests))
            {
                foreach (var (category, names) in markers)
                {
                    if (!names.Contains(type.Name) && Mentions(type.Code, names))
                    {
                        names.Add(type.Name);
                        changed = true;
                    }
                }
            }
        }

        // By name (two projects may each declare a type of the same name: their needs add up, which only asks for more).
        var required = types
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.SelectMany(t => markers.Where(m => Mentions(t.Code, m.Value)).Select(m => m.Key)).ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);
        var testNames = types.Where(t => t.HasTests).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var result = new List<TestClass>();
        foreach (var type in types)
        {
            var isTest = type.HasTests || (type.Base is not null && testNames.Contains(type.Base));
            if (!isTest)
            {
                continue;
            }

            var needs = markers.Where(m => Mentions(type.Code, m.Value)).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
            if (type.Base is not null && required.TryGetValue(type.Base, out var inherited))
            {
                needs.UnionWith(inherited);
            }

            result.Add(new TestClass(type.File, type.Name, needs, type.Categories));
        }

        return result;
    }

    private static bool Mentions(string code, IEnumerable<string> names) =>
        names.Any(name => Regex.IsMatch(code, @"(?<![A-Za-z0-9_])" + Regex.Escape(name) + @"(?![A-Za-z0-9_])", RegexOptions.IgnoreCase));

    /// <summary>The top-level types of a file (declared at column 0 under a file-scoped namespace), each with its code (comments
    /// removed), the attributes above it, its base class and whether it declares tests.</summary>
    private static IEnumerable<TypeSegment> Segments(SourceFile source)
    {
        var lines = source.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(StripComment).ToArray();
        var starts = new List<(int Attributes, int Declaration, string Name)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var declaration = TypeDeclaration().Match(lines[i]);
            if (!declaration.Success)
            {
                continue;
            }

            var first = i;
            while (first > 0 && lines[first - 1].StartsWith('['))
            {
                first--;
            }

            starts.Add((first, i, declaration.Groups["name"].Value));
        }

        for (var s = 0; s < starts.Count; s++)
        {
            var (attributes, declaration, name) = starts[s];
            var end = s + 1 < starts.Count ? starts[s + 1].Attributes : lines.Length;
            var code = string.Join('\n', lines[declaration..end]);
            var header = string.Join('\n', lines[attributes..declaration]);
            var categories = CategoryTrait().Matches(header).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            var baseMatch = BaseClass().Match(code);
            yield return new TypeSegment(
                source.Path, name, code, TestAttribute().IsMatch(code), baseMatch.Success ? baseMatch.Groups["base"].Value : null, categories);
        }
    }

    /// <summary>The line without a <c>//</c> or <c>///</c> comment (one that starts the line or follows a space, so that
    /// <c>http://</c> in a string stays).</summary>
    private static string StripComment(string line)
    {
        var match = LineComment().Match(line);
        return match.Success ? line[..match.Index] : line;
    }

    [GeneratedRegex(@"^(?:(?:public|internal|file|static|sealed|abstract|partial)\s+)*(?:class|record|struct)\s+(?<name>\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^\s*(?:(?:public|internal|file|static|sealed|abstract|partial)\s+)*(?:class|record)\s+\w+(?:<[^>]*>)?\s*(?:\([^)]*\))?\s*:\s*(?<base>\w+)")]
    private static partial Regex BaseClass();

    [GeneratedRegex(@"\[\s*(?:Fact|Theory)\b")]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"Trait\(\s*""Category""\s*,\s*""(\w+)""\s*\)")]
    private static partial Regex CategoryTrait();

    [GeneratedRegex(@"(?:^|\s)//")]
    private static partial Regex LineComment();
}

/// <summary>A C# file of the tests: its repository-relative path and text.</summary>
public sealed record SourceFile(string Path, string Text);

/// <summary>One top-level type of a test source.</summary>
public sealed record TypeSegment(string File, string Name, string Code, bool HasTests, string? Base, IReadOnlySet<string> Categories);

/// <summary>A test class, the categories its code calls for and those its own attributes give it.</summary>
public sealed record TestClass(string File, string Name, IReadOnlySet<string> Required, IReadOnlySet<string> Carried)
{
    public IReadOnlyList<string> Missing => [.. Required.Except(Carried).Order(StringComparer.Ordinal)];
}
