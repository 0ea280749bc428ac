using System.Security.Cryptography;

namespace Kimera.Datasets;

/// <summary>A dataset to read: a name for messages, a version that changes whenever the content does, and a way to open it.</summary>
/// <param name="Name">File path or blob name, used in every message about the dataset.</param>
/// <param name="Version">Length and modification time of a file, or a blob's ETag.</param>
public sealed record DatasetSource(string Name, string Version, Func<CancellationToken, Task<Stream>> OpenAsync)
{
    /// <summary>Bytes hashed at each end of a local file for its <see cref="Identity"/>.</summary>
    public const int IdentitySampleBytes = 64 * 1024;

    /// <summary>What identifies this version of the dataset in the run fingerprint: by default its name and version (a blob
    /// name and ETag). A local file is identified by its content, not by how its path was spelled: length, modification
    /// time and SHA-256 of its first and last <see cref="IdentitySampleBytes"/> bytes, so <c>x.csv</c>, <c>./x.csv</c> and
    /// its absolute path resume the same run, while editing or replacing the file plans afresh.</summary>
    public string Identity { get; init; } = Name + "\n" + Version;

    /// <summary>A local file; fails with a message naming the path when it does not exist.</summary>
    public static DatasetSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"Dataset file '{path}' does not exist.", path);
        }

        var version = FormattableString.Invariant($"{file.Length}:{file.LastWriteTimeUtc.Ticks}");
        return new DatasetSource(
            path,
            version,
            _ => Task.FromResult<Stream>(new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan)))
        {
            Identity = $"file\n{version}:{SampleHash(file)}",
        };
    }

    private static string SampleHash(FileInfo file)
    {
        using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[IdentitySampleBytes];
        var head = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        sha.AppendData(buffer, 0, head);
        if (stream.Length > IdentitySampleBytes)
        {
            stream.Seek(Math.Max(IdentitySampleBytes, stream.Length - IdentitySampleBytes), SeekOrigin.Begin);
            var tail = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            sha.AppendData(buffer, 0, tail);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
