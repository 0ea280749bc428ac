using System.Net;
using Kimera.Cli.Serve;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>
/// <c>kimera serve [DIR]</c>: the runs console (<see cref="ConsoleServer"/>) over the run folders under DIR, until Ctrl-C.
/// It binds 127.0.0.1 unless <c>--host</c> names another address, and its first line gives the URL and says who can reach it.
/// </summary>
public sealed class ServeCommand : AsyncCommand<ServeSettings>
{
    public const string Description =
        "Serve the runs console (list, live progress, compare) and its JSON API over the run folders under DIR (default: runs), on 127.0.0.1.";

    private readonly TextWriter _out;

    public ServeCommand()
        : this(Console.Out)
    {
    }

    internal ServeCommand(TextWriter output) => _out = output;

    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var server = await ConsoleServer.StartAsync(settings.Directory, settings.Address, settings.Port ?? ServeSettings.DefaultPort, cancellationToken)
            .ConfigureAwait(false);
        await _out.WriteLineAsync(StartLine(server.Url, settings.Address, Path.GetFullPath(settings.Directory))).ConfigureAwait(false);
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: stop serving.
        }

        return ExitCodes.Success;
    }

    /// <summary>The one line printed on start: the URL, the folder, and who can reach it.</summary>
    internal static string StartLine(Uri url, IPAddress address, string folder) =>
        IPAddress.IsLoopback(address)
            ? $"kimera serve: the runs console of {folder} is at {url} (bound to {address}: this machine only; --host to open it to others). Ctrl-C stops it."
            : $"kimera serve: the runs console of {folder} is at {url} (bound to {address}: reachable from other machines, read-only, with no sign-in). Ctrl-C stops it.";
}
