using Kimera.Engine.Embeddings;

namespace Kimera.Cli.Commands;

/// <summary>The <c>--precision fp32|int8</c> option of <c>kimera run</c> and <c>kimera embed</c>.</summary>
public static class PrecisionOption
{
    /// <summary>The embedding precision <paramref name="value"/> names (case-insensitive); null when it names none.</summary>
    public static EmbeddingPrecision? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "fp32" => EmbeddingPrecision.Fp32,
        "int8" => EmbeddingPrecision.Int8,
        _ => null,
    };

    /// <summary>The error message for a value <see cref="Parse"/> rejects.</summary>
    public static string Problem(string? value) => $"--precision: '{value}' is not a precision; use fp32 or int8.";
}
