using Kimera.Cli.Commands;
using Spectre.Console.Cli;

namespace Kimera.Cli;

/// <summary>The <c>kimera</c> command: registers every sub-command.</summary>
public static class KimeraApp
{
    public static Task<int> RunAsync(string[] args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("kimera");
            config.PropagateExceptions();
            config.AddCommand<EmbedCommand>("embed")
                .WithDescription("Embed one text per input line; JSON Lines with the 384-float vectors, in input order.")
                .WithExample("embed", "--input", "samples/sentences.txt");
        });
        return RunAsync(app, args);
    }

    private static async Task<int> RunAsync(CommandApp app, string[] args)
    {
        try
        {
            return await app.RunAsync(args).ConfigureAwait(false);
        }
        catch (CommandAppException ex)
        {
            // Unknown commands and malformed options are bad arguments (exit 2), not crashes; PropagateExceptions
            // keeps real failures visible with their stack traces.
            await Console.Error.WriteLineAsync($"kimera: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}
