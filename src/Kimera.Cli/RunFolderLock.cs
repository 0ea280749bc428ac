namespace Kimera.Cli;

/// <summary>One <c>kimera run</c> per run folder at a time: an exclusive OS lock on <c>&lt;folder&gt;/.lock</c>, held open
/// for the whole run. The OS releases it when the process ends in any way (even killed), so there is never a stale lock
/// to clean up by hand; the file itself stays (deleting it would let two runs lock two different files of that name).</summary>
public sealed class RunFolderLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream _file;

    private RunFolderLock(FileStream file) => _file = file;

    /// <summary>Takes the folder's lock, creating the folder when needed; <c>null</c> when another process holds it.</summary>
    public static RunFolderLock? TryAcquire(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        try
        {
            // FileShare.None is an exclusive lock: LockFileEx-style sharing on Windows, flock(LOCK_EX | LOCK_NB) on Unix.
            return new RunFolderLock(new FileStream(Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
