namespace Kimera.Engine.Embeddings.Quantization;

/// <summary>The <c>Kimera:Embedding:Int8Weights</c> setting (<c>--int8-weights</c>, <c>KIMERA_INT8_WEIGHTS</c>): how the int8 model stores its weights.</summary>
public enum Int8Weights
{
    /// <summary>By the CPU (<see cref="Int8KernelChoice.Choose"/>): signed where it has VNNI or AMX, unsigned elsewhere.</summary>
    Auto,

    /// <summary>Always int8 weights (ONNX Runtime's U8S8 kernels); on a CPU without VNNI or AMX their products can saturate.</summary>
    Signed,

    /// <summary>Always uint8 weights with zero point 128 (U8U8 kernels: exact on every CPU, slower where VNNI or AMX exists).</summary>
    Unsigned,
}
