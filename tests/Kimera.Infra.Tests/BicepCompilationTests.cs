using Kimera.TestSupport;

namespace Kimera.Infra.Tests;

/// <summary>The templates compile and lint with no diagnostic at all (infra/bicepconfig.json makes every rule an error).</summary>
[Trait("Category", "Process")]
public sealed class BicepCompilationTests
{
    [Fact]
    public async Task Build_of_main_and_eventgrid_prints_no_warning_or_error()
    {
        var build = await InfraFiles.Build.Value;

        Assert.Equal(0, build.Result.ExitCode);
        Assert.Equal("", build.Result.StandardError.Trim());
        Assert.Equal(["eventgrid.json", "main.json"], build.Templates.Keys.Order());
        Assert.All(build.Templates.Values, json => Assert.StartsWith("{", json.TrimStart(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Linter_finds_nothing_in_the_templates_and_their_modules()
    {
        var lint = await InfraFiles.Lint.Value;

        Assert.Equal(0, lint.ExitCode);
        Assert.Equal("", (lint.StandardOutput + lint.StandardError).Trim());
    }

    [Fact]
    public async Task Linter_is_configured_and_reports_a_violation_as_an_error()
    {
        // Guards the two tests above against a linter that is off: a template with an unused
        // parameter and a hard-coded cloud URL must fail with the rules bicepconfig.json sets.
        // The probe lives in its own folder (beside a copy of the config) so the --pattern runs never see it.
        using var folder = new TempDirectory();
        File.Copy(Path.Combine(InfraFiles.InfraDirectory, "bicepconfig.json"), folder.File("bicepconfig.json"));
        await File.WriteAllTextAsync(folder.File("probe.bicep"), "param unused string\noutput site string = 'https://management.azure.com/'\n");

        var lint = await BicepCli.RunAsync(folder.Path, "lint", "probe.bicep");

        Assert.NotEqual(0, lint.ExitCode);
        Assert.Contains("Error no-unused-params", lint.StandardOutput + lint.StandardError, StringComparison.Ordinal);
        Assert.Contains("Error no-hardcoded-env-urls", lint.StandardOutput + lint.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_use_no_registry_modules()
    {
        // No registry access where this is built or deployed from: every resource is declared here.
        var files = Directory.GetFiles(InfraFiles.InfraDirectory, "*.bicep", SearchOption.AllDirectories);

        Assert.Equal(9, files.Length); // main, eventgrid, 7 modules
        Assert.All(files, f => Assert.DoesNotContain("br/public:", File.ReadAllText(f), StringComparison.Ordinal));
        Assert.All(files, f => Assert.DoesNotContain("'br:", File.ReadAllText(f), StringComparison.Ordinal));
    }
}
