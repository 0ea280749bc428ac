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

    /// <summary>Whether a live <c>kimera run</c> holds the folder's lock, without taking it: a shared open of the lock file,
    /// which the OS refuses while the run holds its exclusive lock (flock LOCK_SH on Unix, share modes on Windows). False
    /// when the folder has no lock file (no run ever locked it). A run that starts during the probe's instant is refused as
    /// if another run held the folder; a probe takes microseconds.</summary>
    public static bool IsHeld(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _file.Dispose();
}
