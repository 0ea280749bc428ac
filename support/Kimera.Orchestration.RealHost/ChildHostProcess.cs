using System.Diagnostics;
using System.Text;
using Grpc.Net.Client;
using Kimera.TestSupport;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Orchestration.RealHost;

/// <summary>The real host (Program.cs of this project) in a child process, and a client on its gRPC endpoint: for tests that kill
/// the host, and for tests whose process cannot load the WebJobs host (Kimera.Functions.Tests: the app's Application Insights 3.x
/// replaces the 2.x the Durable extension is built against, whose <c>ITelemetryInitializer</c> 3.x removed).</summary>
/// <remarks>This file uses no WebJobs type, so test projects may compile it in (with <see cref="ChildHostSettings"/>).</remarks>
public sealed class ChildHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly GrpcChannel _channel;
    private readonly StringBuilder _output;

    private ChildHostProcess(Process process, StringBuilder output, string grpcAddress, string hubName)
    {
        _process = process;
        _output = output;
        GrpcAddress = grpcAddress;
        _channel = GrpcChannel.ForAddress(grpcAddress);
        Client = new GrpcDurableTaskClient(hubName, new GrpcDurableTaskClientOptions { Channel = _channel }, NullLogger.Instance);
    }

    public int ProcessId => _process.Id;

    /// <summary>True once the process has ended (killed, or failed).</summary>
    public bool HasExited => _process.HasExited;

    public string GrpcAddress { get; }

    public DurableTaskClient Client { get; }

    /// <summary>Starts the host and waits until it serves (it writes the ready file then), up to <paramref name="cap"/>.</summary>
    public static async Task<ChildHostProcess> StartAsync(ChildHostSettings settings, TimeSpan cap)
    {
        ArgumentNullException.ThrowIfNull(settings);
        File.Delete(settings.ReadyFile);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostAssembly());
        foreach (var (name, value) in settings.ToEnvironment())
        {
            start.Environment[name] = value;
        }

        // Would make the extension believe it runs on Linux Consumption (see WebJobsDurableHost).
        start.Environment.Remove("CONTAINER_NAME");
        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Ready when the host has moved its ready file into place, or failed when it exits first; the cap is only a safety net.
        using var timeout = new CancellationTokenSource(cap);
        var ready = FileArrival.WaitAsync(settings.ReadyFile, timeout.Token);
        var exited = process.WaitForExitAsync(timeout.Token);
        try
        {
            if (await Task.WhenAny(ready, exited) == exited)
            {
                await exited;
                throw new InvalidOperationException($"The child host exited with code {process.ExitCode} before serving. Output: {Text(output)}");
            }

            await ready;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The child host did not serve within {cap}. Output: {Text(output)}");
        }
        finally
        {
            // Ends whichever wait is still pending (the file watch, or the wait for an exit that a serving host does not make).
            await timeout.CancelAsync();
        }

        return new ChildHostProcess(process, output, await File.ReadAllTextAsync(settings.ReadyFile), settings.HubName);
    }

    /// <summary>Kills the host by its process id, as a crash would end it: no shutdown, no lease release, messages in flight.</summary>
    public void Kill()
    {
        using var byId = Process.GetProcessById(_process.Id);
        byId.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>What the host printed (it logs warnings and errors), for failure messages.</summary>
    public string Output => Text(_output);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>The host's own build output (with its runtimeconfig and deps), in the configuration the tests were built in.</summary>
    public static string HostAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(RepoPaths.RepoRoot, "support", "Kimera.Orchestration.RealHost", "bin", configuration, "net10.0", "Kimera.Orchestration.RealHost.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The real host is not built: '{path}' is missing (dotnet build Kimera.sln -c {configuration}).", path);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
