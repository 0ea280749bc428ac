using System.Security.Cryptography;
using System.Text;

namespace Kimera.Engine.Embeddings;

/// <summary>The SHA-256 of a text's UTF-8 bytes as lowercase hex: the text part of every cache key, and the hash behind
/// geoid ids, run fingerprints, LLM answer keys and durable instance ids (a prefix where those are shorter).</summary>
public static class TextHash
{
    public static string Sha256Hex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
