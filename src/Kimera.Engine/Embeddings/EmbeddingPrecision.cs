namespace Kimera.Engine.Embeddings;

/// <summary>Arithmetic of the embedding model's weight matrix products.</summary>
public enum EmbeddingPrecision
{
    /// <summary>The packaged float32 model as exported: reproduces the original project's vectors.</summary>
    Fp32,

    /// <summary>
    /// An int8 model derived from the float32 one (<see cref="Quantization.Int8ModelStore"/>): per-column int8 weights,
    /// static calibrated activation scales, faster on CPUs with int8 dot-product instructions, close to but not equal
    /// to the float32 vectors.
    /// </summary>
    Int8,
}
