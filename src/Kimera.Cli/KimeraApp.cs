using Kimera.Cli.Commands;
using Spectre.Console.Cli;

namespace Kimera.Cli;

/// <summary>The <c>kimera</c> command: registers every sub-command.</summary>
public static class KimeraApp
{
    /// <summary>Runs a command; a command line that does not parse exits with <see cref="ExitCodes.BadInput"/> and a message on stderr.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("kimera");
            config.PropagateExceptions();
            config.AddCommand<RunCommand>("run")
                .WithDescription("Benchmark Kimera (and the LLM judge) on a dataset: pairs.csv, report.json and a summary; resumable.")
                .WithExample("run", "samples/sample_pairs.csv");
            config.AddCommand<EmbedCommand>("embed")
                .WithDescription("Embed one text per input line; JSON Lines with the 384-float vectors, in input order.")
                .WithExample("embed", "--input", "samples/sentences.txt");
            config.AddCommand<ValidateCommand>("validate").WithDescription(ValidateCommand.Description);
            config.AddCommand<AnalyzeCommand>("analyze")
                .WithDescription(AnalyzeCommand.Description)
                .WithExample("analyze", "runs/sample_pairs/pairs.csv", "--out", "runs/sample_pairs/analysis");
        });
        try
        {
            return await app.RunAsync(args, cancellationToken);
        }
        catch (CommandAppException ex)
        {
            await Console.Error.WriteLineAsync($"kimera: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}
