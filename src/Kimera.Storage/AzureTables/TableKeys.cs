using System.Security.Cryptography;
using System.Text;
using Kimera.Engine.Embeddings;

namespace Kimera.Storage.AzureTables;

/// <summary>Partition and row keys for the Table caches.</summary>
internal static class TableKeys
{
    // Table Storage limits a key to 1 KiB and forbids '/', '\', '#', '?' and control characters in it.
    private const int MaxKeyLength = 512;

    /// <summary>Two lowercase hex characters that spread keys evenly over 256 partitions.</summary>
    /// <remarks>Cache keys are SHA-256 hex in production, whose first two characters are already uniform (and readable
    /// in the portal); any other key is bucketed by the first byte of its own SHA-256.</remarks>
    public static string Bucket(string key)
    {
        if (key.Length >= 2 && char.IsAsciiHexDigitLower(key[0]) && char.IsAsciiHexDigitLower(key[1]))
        {
            return key[..2];
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Convert.ToHexStringLower(hash[..1]);
    }

    /// <summary>A short, key-safe stand-in for a model id (which may hold '/', as in <c>sentence-transformers/all-MiniLM-L6-v2</c>).</summary>
    public static string ModelTag(string modelId) => TextHash.Sha256Hex(modelId)[..16];

    /// <summary>Throws when <paramref name="key"/> cannot be a row key.</summary>
    public static void ValidateRowKey(string key, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(key, parameterName);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"Cache key '{key[..40]}…' has {key.Length} characters; Table Storage keys take at most {MaxKeyLength}.", parameterName);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"Cache key '{key}' holds '{c}' (U+{(int)c:X4}), which Table Storage keys cannot hold.", parameterName);
            }
        }
    }
}
