using System.Globalization;
using System.Text;
using Kimera.Engine.Embeddings;

namespace Kimera.Llm;

/// <summary>The judgement cache key of one pair: SHA-256 (lowercase hex) of model id, prompt version,
/// temperature and both texts, each length-prefixed so that no two different inputs share a key; a judge asked the same
/// pair several times keys each repeat after the first apart (<c>repeat k</c>), so repeats are distinct entries and the
/// first repeat shares its entry with a judge asked once. A temperature left out of the request is <c>NaN</c>; a reasoning
/// effort, when one is sent, is a part of its own (<c>effort high</c>), so keys without one are as they always were.</summary>
public static class LlmJudgementKey
{
    public static string Compute(string model, string promptVersion, double temperature, string first, string second, int repeat = 0, string? reasoningEffort = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(repeat);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(promptVersion);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var builder = new StringBuilder();
        // "llm" is a fixed tag of the stored key format, not the judge's name: renaming a judge must not orphan its cache.
        string[] parts = ["llm", model, promptVersion, temperature.ToString("R", CultureInfo.InvariantCulture), first, second];
        if (repeat > 0)
        {
            parts = [.. parts, "repeat " + repeat.ToString(CultureInfo.InvariantCulture)];
        }

        if (reasoningEffort is not null)
        {
            parts = [.. parts, "effort " + reasoningEffort];
        }

        foreach (var part in parts)
        {
            builder.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');
        }

        return TextHash.Sha256Hex(builder.ToString());
    }
}
