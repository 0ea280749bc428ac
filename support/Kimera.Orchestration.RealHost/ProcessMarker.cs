using System.Globalization;

namespace Kimera.Orchestration.RealHost;

/// <summary>Marker files of the child hosts: each holds the id of the process that wrote it, and appears whole (written under
/// another name, then moved into place), so a test can read the id as soon as the name appears.</summary>
public static class ProcessMarker
{
    public static async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var partial = Path.Combine(directory, "partial-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(partial, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The process id a marker holds.</summary>
    public static int Read(string path) => int.Parse(File.ReadAllText(path), CultureInfo.InvariantCulture);
}
