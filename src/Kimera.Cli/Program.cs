using Kimera.Cli;

// Ctrl-C asks the running command to stop cleanly (finished chunks stay for resume); a second Ctrl-C kills.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!stop.IsCancellationRequested)
    {
        e.Cancel = true;
        stop.Cancel();
    }
};

try
{
    return await KimeraApp.RunAsync(args, stop.Token);
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    await Console.Error.WriteLineAsync($"kimera: failed: {ex.Message}");
    return ExitCodes.Failed;
}
