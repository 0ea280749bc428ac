using Kimera.Engine.Embeddings;

namespace Kimera.Engine.Geoids;

/// <summary>One text with its derived state (docs/algorithm.md, "Geoids").</summary>
public sealed class Geoid
{
    private readonly List<string> _scars = [];

    public Geoid(string raw, string? lang, float[] vector, int layerCount = 0)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentOutOfRangeException.ThrowIfNegative(layerCount);
        Raw = raw;
        Echo = raw.Trim();
        Lang = string.IsNullOrWhiteSpace(lang) ? "en" : lang.Trim();
        Gid = ComputeGid(Lang, Echo);
        Vector = vector;
        LayerCount = layerCount;
    }

    /// <summary>The text exactly as read.</summary>
    public string Raw { get; }

    /// <summary><see cref="Raw"/> without leading and trailing whitespace; the text that is embedded.</summary>
    public string Echo { get; }

    /// <summary>Language code from the dataset; <c>en</c> when absent.</summary>
    public string Lang { get; }

    /// <summary>First 16 hex characters of SHA-256 over UTF-8 <c>lang + ":" + echo</c>.</summary>
    public string Gid { get; }

    /// <summary>Sentence embedding of <see cref="Echo"/>.</summary>
    public float[] Vector { get; }

    public int LayerCount { get; }

    /// <summary><c>base(lang) * (1 + 0.05 * layerCount)</c>; base: en 0.8, fr 0.75, ar 0.7, other 0.6.</summary>
    public double Vdr => BaseVdr(Lang) * (1 + 0.05 * LayerCount);

    /// <summary>Ids of the scars this geoid takes part in, in the order they were created.</summary>
    public IReadOnlyList<string> Scars => _scars;

    internal void AddScar(string scarId) => _scars.Add(scarId);

    public static string ComputeGid(string lang, string echo)
    {
        return TextHash.Sha256Hex(lang + ":" + echo)[..16];
    }

    private static double BaseVdr(string lang) => lang switch
    {
        "en" => 0.8,
        "fr" => 0.75,
        "ar" => 0.7,
        _ => 0.6,
    };
}
