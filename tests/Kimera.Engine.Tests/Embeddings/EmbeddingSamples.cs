namespace Kimera.Engine.Tests.Embeddings;

/// <summary>Texts the int8 embedder tests share: short and long, empty, accented, Japanese and French, so that batching,
/// padding and the tokenizer's edge cases are all exercised.</summary>
internal static class EmbeddingSamples
{
    public static readonly string[] Mixed =
    [
        "The sky is blue.",
        "Penguins are flightless birds that live mostly in the southern hemisphere and swim very well.",
        "café",
        "",
        "東京は日本の首都です",
        "Water boils at 100 degrees Celsius at sea level, but at lower temperatures high in the mountains.",
        "K2",
        "La Tour Eiffel n'a jamais été construite à Paris, contrairement à ce que disent les guides.",
    ];
}
