using System.Runtime.InteropServices;
using Kimera.Cli;

// Ctrl-C (SIGINT) and SIGTERM (containers, CI, `timeout`) ask the running command to stop cleanly: finished chunks stay
// for resume, the same message, the same exit code. A second signal of either kind terminates at once.
using var stop = new CancellationTokenSource();
void RequestStop(PosixSignalContext context)
{
    if (!stop.IsCancellationRequested)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);

try
{
    return await KimeraApp.RunAsync(args, stop.Token);
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    await Console.Error.WriteLineAsync($"kimera: failed: {ex.Message}");
    return ExitCodes.Failed;
}
