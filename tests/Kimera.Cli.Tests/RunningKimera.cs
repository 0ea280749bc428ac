using System.Diagnostics;
using System.Text;

namespace Kimera.Cli.Tests;

/// <summary>A <c>kimera</c> process started in the background: a test waits for lines on its stderr (events, never
/// sleeps), signals it as a container runtime or CI would, and collects its exit code and output.</summary>
internal sealed class RunningKimera : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly Task<string> _output;
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningKimera(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _errorClosed.TrySetResult();
                lock (_gate)
                {
                    foreach (var (_, seen) in _waiters)
                    {
                        seen.TrySetException(new InvalidOperationException($"kimera ended without the awaited line on stderr:\n{_error}"));
                    }
                }

                return;
            }

            lock (_gate)
            {
                _error.AppendLine(e.Data);
                foreach (var (match, seen) in _waiters.Where(w => w.Match(e.Data)).ToArray())
                {
                    seen.TrySetResult(e.Data);
                    _waiters.RemoveAll(w => w.Seen == seen);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public static RunningKimera Start(IReadOnlyDictionary<string, string?> environment, string? workingDirectory, params string[] args)
    {
        var start = KimeraProcess.StartInfo(environment, args);
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        return new RunningKimera(Process.Start(start) ?? throw new InvalidOperationException("Could not start kimera."));
    }

    /// <summary>Completes with the first stderr line (already seen or still to come) that <paramref name="match"/> accepts.</summary>
    public Task<string> WhenErrorLineAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var already = _error.ToString().Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(match);
            if (already is not null)
            {
                seen.SetResult(already);
            }
            else if (_errorClosed.Task.IsCompleted)
            {
                seen.SetException(new InvalidOperationException($"kimera ended without the awaited line on stderr:\n{_error}"));
            }
            else
            {
                _waiters.Add((match, seen));
            }
        }

        return seen.Task;
    }

    /// <summary>Sends SIGTERM, as <c>docker stop</c>, Kubernetes, CI runners and <c>timeout</c> do.</summary>
    public Task TerminateAsync() => SignalAsync("TERM");

    /// <summary>Sends the signal <paramref name="name"/> (<c>INT</c> is what Ctrl-C in a terminal sends to the foreground process).
    /// A process started by the test is not a shell's background job, so SIGINT is not ignored on its way in.</summary>
    public async Task SignalAsync(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<(int ExitCode, string Out, string Error)> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        await _errorClosed.Task;
        lock (_gate)
        {
            return (_process.ExitCode, _output.Result, _error.ToString());
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
