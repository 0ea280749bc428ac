using System.Text.Json.Nodes;
using Kimera.TestSupport;

namespace Kimera.Infra.Tests;

/// <summary>
/// The templates under <c>infra/</c>, compiled and linted once per test run: the CLI takes seconds per
/// start, so one <c>bicep build --pattern</c> and one <c>bicep lint --pattern</c> serve every test class.
/// </summary>
public static class InfraFiles
{
    /// <summary>The deployable templates (modules/ are compiled into main.json).</summary>
    public const string TemplatePattern = "*.bicep";

    public static string InfraDirectory => Path.Combine(RepoPaths.RepoRoot, "infra");

    public static readonly Lazy<Task<BicepBuild>> Build = new(BuildAsync);

    public static readonly Lazy<Task<BicepResult>> Lint = new(() => BicepCli.RunAsync(InfraDirectory, "lint", "--pattern", TemplatePattern));

    public static async Task<ArmTemplate> MainTemplateAsync() => Template(await Build.Value, "main.json");

    public static async Task<ArmTemplate> EventGridTemplateAsync() => Template(await Build.Value, "eventgrid.json");

    public static string ReadText(params string[] relativePath) => File.ReadAllText(Path.Combine([RepoPaths.RepoRoot, .. relativePath]));

    private static async Task<BicepBuild> BuildAsync()
    {
        using var output = new TempDirectory();
        var result = await BicepCli.RunAsync(InfraDirectory, "build", "--pattern", TemplatePattern, "--outdir", output.Path);
        var templates = Directory.GetFiles(output.Path, "*.json")
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f), StringComparer.Ordinal);
        return new BicepBuild(result, templates);
    }

    private static ArmTemplate Template(BicepBuild build, string file)
    {
        if (build.Result.ExitCode != 0 || !build.Templates.TryGetValue(file, out var json))
        {
            throw new InvalidOperationException($"bicep build did not produce {file} (exit {build.Result.ExitCode}): {build.Result.StandardError}");
        }

        return new ArmTemplate(JsonNode.Parse(json)!.AsObject());
    }
}
