using Kimera.Cli.Commands;
using Kimera.Cli.Summary;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kimera.Cli;

/// <summary>The <c>kimera</c> command: registers every sub-command.</summary>
public static class KimeraApp
{
    /// <summary>The settings type of each command, for <see cref="CommandLineCheck"/>.</summary>
    private static readonly Dictionary<string, Type> SettingsTypes = new(StringComparer.Ordinal)
    {
        ["run"] = typeof(RunSettings),
        ["embed"] = typeof(EmbedSettings),
        ["validate"] = typeof(ValidateCommand.Settings),
        ["analyze"] = typeof(AnalyzeSettings),
        ["compare"] = typeof(CompareSettings),
        ["samples"] = typeof(SamplesCommand.Settings),
        ["serve"] = typeof(ServeSettings),
    };

    private static readonly string[] WriteSamples = ["samples"];
    private static readonly string[] RunSample = ["run", "samples/" + ShippedSamples.FirstRun];
    private static readonly string[] EmbedSample = ["embed", "--input", "samples/sentences.txt"];
    private static readonly string[] AnalyzeSampleRun = ["analyze", "runs/sample_pairs/pairs.csv", "--out", "runs/sample_pairs/analysis"];

    /// <summary>
    /// Runs a command; a command line that does not parse (an unknown option, a value that is not a number, a setting
    /// that fails validation) exits with <see cref="ExitCodes.BadInput"/> and one message on stderr that starts with
    /// <c>kimera &lt;command&gt;:</c>, as every message of the commands themselves does.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is ["--version"] or ["-v"] or ["-V"])
        {
            await Console.Out.WriteLineAsync(KimeraVersion.Text);
            return ExitCodes.Success;
        }

        var command = args.Length > 0 && SettingsTypes.ContainsKey(args[0]) ? args[0] : null;
        var prefix = command is null ? "kimera" : $"kimera {command}";
        if (command is not null && CommandLineCheck.FindProblem(SettingsTypes[command], args[1..]) is { } problem)
        {
            await Console.Error.WriteLineAsync(Prefixed(prefix, problem));
            return ExitCodes.BadInput;
        }

        if (SummaryOutputs.ColumnsVariable is { } columns)
        {
            // Help, progress and the summary on a terminal all lay out for COLUMNS when it is set (a pipe has no width of its own).
            AnsiConsole.Console.Profile.Width = columns;
        }

        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("kimera");
            // Listed in the top-level help as "-v, --version"; RunAsync answers it above, before Spectre parses anything.
            config.SetApplicationVersion(KimeraVersion.Text);
            config.PropagateExceptions();
            // Unknown options are errors, not silently ignored (CommandLineCheck reports them first, with a suggestion).
            config.UseStrictParsing();
            // The examples use the files `kimera samples` writes, so each command's list starts with it: an installed tool
            // has no samples/ folder until then. The top-level help lists the whole walk once.
            config.AddExample(WriteSamples);
            config.AddExample(RunSample);
            config.AddExample(EmbedSample);
            config.AddExample(AnalyzeSampleRun);
            config.AddCommand<SamplesCommand>("samples")
                .WithDescription(SamplesCommand.Description)
                .WithExample(WriteSamples)
                .WithExample("samples", "data/samples");
            config.AddCommand<RunCommand>("run")
                .WithDescription("Benchmark Kimera (and the LLM judge) on a dataset: pairs.csv, report.json and a summary; resumable.")
                .WithExample(WriteSamples)
                .WithExample(RunSample);
            config.AddCommand<EmbedCommand>("embed")
                .WithDescription("Embed one text per input line; JSON Lines with the 384-float vectors, in input order.")
                .WithExample(WriteSamples)
                .WithExample(EmbedSample);
            config.AddCommand<ValidateCommand>("validate")
                .WithDescription(ValidateCommand.Description)
                .WithExample(WriteSamples)
                .WithExample("validate", "samples/mixed_5k.csv");
            config.AddCommand<AnalyzeCommand>("analyze")
                .WithDescription(AnalyzeCommand.Description)
                .WithExample(WriteSamples)
                .WithExample(RunSample)
                .WithExample(AnalyzeSampleRun);
            config.AddCommand<CompareCommand>("compare")
                .WithDescription(CompareCommand.Description)
                .WithExample(WriteSamples)
                .WithExample(RunSample)
                .WithExample("compare", "runs/last-week", "runs/sample_pairs", "--fail-on-regression");
            config.AddCommand<ServeCommand>("serve")
                .WithDescription(ServeCommand.Description)
                .WithExample(WriteSamples)
                .WithExample(RunSample)
                .WithExample("serve")
                .WithExample("serve", "runs", "--port", "8080");
        });
        try
        {
            return await app.RunAsync(args, cancellationToken);
        }
        catch (CommandAppException ex)
        {
            await Console.Error.WriteLineAsync(Prefixed(prefix, ex.Message));
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // Not a bad argument (those are caught above or by the commands): the command failed, still named in the message.
            await Console.Error.WriteLineAsync(Prefixed($"{prefix}: failed", ex.Message));
            return ExitCodes.Failed;
        }
    }

    /// <summary>Every line of <paramref name="message"/> after <paramref name="prefix"/>: several problems of one command
    /// line are one line each, and each starts as every message does.</summary>
    internal static string Prefixed(string prefix, string message) =>
        string.Join(Environment.NewLine, message.Split('\n').Select(line => $"{prefix}: {line.TrimEnd('\r')}"));
}
