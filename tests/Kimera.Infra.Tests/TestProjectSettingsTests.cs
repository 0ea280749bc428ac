using System.Xml.Linq;
using Kimera.TestSupport;

namespace Kimera.Infra.Tests;

/// <summary>Every test project gets the same settings from <c>tests/Directory.Build.props</c> (xUnit, the test SDK, TestSupport,
/// warnings as errors) and repeats none of them, so a new test project needs only its own references.</summary>
public sealed class TestProjectSettingsTests
{
    /// <summary>What tests/Directory.Build.props gives every test project: (item or property name, Include or value).</summary>
    public static readonly (string Name, string Value)[] SharedSettings =
    [
        ("IsPackable", "false"),
        ("IsTestProject", "true"),
        ("TreatWarningsAsErrors", "true"),
        ("PackageReference", "Microsoft.NET.Test.Sdk"),
        ("PackageReference", "xunit"),
        ("PackageReference", "xunit.runner.visualstudio"),
        ("ProjectReference", "Kimera.TestSupport.csproj"),
        ("Using", "Xunit"),
    ];

    private static string TestsFolder => Path.Combine(RepoPaths.RepoRoot, "tests");

    [Fact]
    public void Tests_directory_build_props_imports_the_root_one_and_gives_every_shared_setting()
    {
        var props = XDocument.Load(Path.Combine(TestsFolder, "Directory.Build.props"));

        var import = Assert.Single(props.Descendants("Import"));
        Assert.Contains("GetPathOfFileAbove('Directory.Build.props'", (string?)import.Attribute("Project"), StringComparison.Ordinal);
        Assert.All(SharedSettings, setting => Assert.True(Declares(props, setting), $"tests/Directory.Build.props lacks {setting.Name} {setting.Value}"));
    }

    [Fact]
    public void No_test_project_repeats_a_shared_setting()
    {
        var projects = Directory.GetDirectories(TestsFolder)
            .SelectMany(d => Directory.GetFiles(d, "*.csproj", SearchOption.TopDirectoryOnly))
            .ToList();

        Assert.Contains(projects, p => Path.GetFileName(p) == "Kimera.Infra.Tests.csproj");
        var repeated = projects
            .SelectMany(p => SharedSettings.Where(s => Declares(XDocument.Load(p), s)).Select(s => $"{Path.GetFileName(p)}: {s.Name} {s.Value}"))
            .ToList();
        Assert.True(repeated.Count == 0, "Given by tests/Directory.Build.props already:\n" + string.Join('\n', repeated));
    }

    /// <summary>Whether the file sets the property to the value or holds the item (a ProjectReference by file name).</summary>
    private static bool Declares(XDocument file, (string Name, string Value) setting) =>
        file.Descendants(setting.Name).Any(e => e.Attribute("Include") is { } include
            ? include.Value == setting.Value || include.Value.Replace('\\', '/').EndsWith("/" + setting.Value, StringComparison.Ordinal)
            : e.Value.Trim() == setting.Value);
}
