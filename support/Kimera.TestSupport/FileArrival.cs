namespace Kimera.TestSupport;

/// <summary>Waits for a file that another process creates (a child host's ready file, a marker): on the file system's own
/// notification, not by looking again and again.</summary>
public static class FileArrival
{
    /// <summary>Completes when <paramref name="path"/> exists: at once if it does already, else when it is created or renamed
    /// into place (write to a temporary name, then move, for a file whose content must be whole when it appears).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first: the caller's bound.</exception>
    public static async Task WaitAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        Directory.CreateDirectory(directory);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(directory, name) { NotifyFilter = NotifyFilters.FileName };
        watcher.Created += (_, _) => arrived.TrySetResult();
        watcher.Renamed += (_, e) =>
        {
            if (string.Equals(e.Name, name, StringComparison.Ordinal))
            {
                arrived.TrySetResult();
            }
        };
        watcher.Error += (_, e) => arrived.TrySetException(e.GetException());
        watcher.EnableRaisingEvents = true;
        // Created before the watch began: no event will come for it.
        if (File.Exists(full))
        {
            return;
        }

        await arrived.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes when <paramref name="condition"/> holds: checked at once, then each time a file is created or renamed
    /// into place in <paramref name="directory"/> (markers of other processes, counted by the condition).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first: the caller's bound.</exception>
    public static async Task WaitUntilAsync(string directory, Func<bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        Directory.CreateDirectory(directory);
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            try
            {
                if (condition())
                {
                    met.TrySetResult();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file moved away while the condition read the folder: the next event checks again.
            }
        }

        using var watcher = new FileSystemWatcher(directory) { NotifyFilter = NotifyFilters.FileName };
        watcher.Created += (_, _) => Check();
        watcher.Renamed += (_, _) => Check();
        watcher.Error += (_, e) => met.TrySetException(e.GetException());
        watcher.EnableRaisingEvents = true;
        // What arrived before the watch began raises no event.
        Check();
        await met.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
