using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kimera.Llm;

/// <summary>The judgement cache key of one pair: SHA-256 (lowercase hex) of model id, prompt version,
/// temperature and both texts, each length-prefixed so that no two different inputs share a key.</summary>
public static class LlmJudgementKey
{
    public static string Compute(string model, string promptVersion, double temperature, string first, string second)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(promptVersion);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var builder = new StringBuilder();
        foreach (var part in new[] { "llm", model, promptVersion, temperature.ToString("R", CultureInfo.InvariantCulture), first, second })
        {
            builder.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}
