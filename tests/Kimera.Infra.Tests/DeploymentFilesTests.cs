using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kimera.Infra.Tests;

/// <summary>azure.yaml, the azd parameters file and the deploy scripts agree with the templates.</summary>
[Trait("Category", "Process")]
public sealed partial class DeploymentFilesTests
{
    [Fact]
    public void Azure_yaml_deploys_the_functions_project_as_service_api_and_runs_the_event_grid_step_after_deploy()
    {
        var yaml = InfraFiles.ReadText("azure.yaml");

        Assert.Matches(@"(?m)^services:\n  api:\n    project: \./src/Kimera\.Functions\n    language: dotnet\n    host: function$", yaml);
        Assert.Matches(@"(?m)^infra:\n  provider: bicep\n  path: infra\n  module: main$", yaml);
        Assert.Matches(@"(?m)^hooks:\n  postdeploy:\n    posix:\n      shell: sh\n      run: bash \./infra/deploy-eventgrid\.sh$", yaml);
        Assert.Contains("      run: ./infra/deploy-eventgrid.ps1", yaml, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(InfraFiles.InfraDirectory, "deploy-eventgrid.ps1")));
    }

    [Fact]
    public async Task Azd_parameters_name_only_parameters_of_main_and_map_the_environment()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var parameters = JsonNode.Parse(InfraFiles.ReadText("infra", "main.parameters.json"))!["parameters"]!.AsObject();

        Assert.All(parameters, p => Assert.True(main.Parameters.ContainsKey(p.Key), $"main.bicep has no parameter {p.Key}"));
        Assert.Equal("${AZURE_ENV_NAME}", (string?)parameters["environmentName"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)parameters["location"]!["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)parameters["principalId"]!["value"]);
        Assert.Equal("${OPENAI_API_KEY}", (string?)parameters["llmApiKey"]!["value"]);
        // Every required parameter of main (no default) is supplied.
        var required = main.Parameters.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        Assert.All(required, name => Assert.True(parameters.ContainsKey(name), $"{name} is required but not in main.parameters.json"));
    }

    [Fact]
    public async Task Event_grid_script_reads_outputs_that_main_declares_and_passes_parameters_that_eventgrid_declares()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var eventGrid = await InfraFiles.EventGridTemplateAsync();
        var script = InfraFiles.ReadText("infra", "deploy-eventgrid.sh");

        foreach (var output in new[] { "AZURE_RESOURCE_GROUP", "FUNCTION_APP_NAME", "EVENTGRID_SYSTEM_TOPIC_NAME" })
        {
            Assert.Contains($"${{{output}:-}}", script, StringComparison.Ordinal);
            Assert.True(main.Root["outputs"]!.AsObject().ContainsKey(output), $"main.bicep has no output {output}");
        }

        var passed = TemplateParameterArgument().Matches(script).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["functionAppName", "systemTopicName"], passed);
        Assert.All(passed, name => Assert.True(eventGrid.Parameters.ContainsKey(name)));
    }

    [Fact]
    public async Task Deploy_script_reads_outputs_that_main_declares()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var script = InfraFiles.ReadText("infra", "deploy.sh");

        var read = OutputCall().Matches(script).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["FUNCTION_APP_NAME", "EVENTGRID_SYSTEM_TOPIC_NAME", "FUNCTION_APP_URL", "STORAGE_ACCOUNT_NAME"], read);
        Assert.All(read, name => Assert.True(main.Root["outputs"]!.AsObject().ContainsKey(name), $"main.bicep has no output {name}"));
        Assert.Contains("src/Kimera.Functions/Kimera.Functions.csproj", script, StringComparison.Ordinal);
        Assert.Contains("az functionapp deployment source config-zip", script, StringComparison.Ordinal);
        Assert.Contains("infra/deploy-eventgrid.sh", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deploy.sh")]
    [InlineData("deploy-eventgrid.sh")]
    public async Task Scripts_are_strict_bash_that_parses_and_prints_usage(string name)
    {
        var path = Path.Combine(InfraFiles.InfraDirectory, name);
        var text = File.ReadAllText(path);

        Assert.StartsWith("#!/usr/bin/env bash\n", text, StringComparison.Ordinal);
        Assert.Contains("\nset -euo pipefail\n", text, StringComparison.Ordinal);
        Assert.Equal(0, (await RunBashAsync("-n", path)).ExitCode);
        var help = await RunBashAsync(path, "-h");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains($"Usage: infra/{name}", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_script_refuses_to_start_without_a_resource_group_and_location()
    {
        var result = await RunBashAsync(Path.Combine(InfraFiles.InfraDirectory, "deploy.sh"), "-g", "rg-only");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: -g RESOURCE_GROUP and -l LOCATION are required", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_never_put_the_llm_key_on_a_command_line()
    {
        var script = InfraFiles.ReadText("infra", "deploy.sh");

        // The key only goes into the private parameters file, through json_escape.
        var uses = Regex.Count(script, @"OPENAI_API_KEY");
        Assert.Equal(4, uses); // usage text, the warning test, its message, and the parameters file
        Assert.Contains("\"$(json_escape \"${OPENAI_API_KEY:-}\")\" >\"$work/secret.parameters.json\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("llmApiKey=", script, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No Azure environment leaks into the scripts under test.
        start.Environment.Remove("AZURE_RESOURCE_GROUP");
        start.Environment.Remove("FUNCTION_APP_NAME");
        start.Environment.Remove("EVENTGRID_SYSTEM_TOPIC_NAME");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"\b(\w+)=""\$(?:app_name|topic_name)""")]
    private static partial Regex TemplateParameterArgument();

    [GeneratedRegex(@"\$\(output (\w+)\)")]
    private static partial Regex OutputCall();
}
