namespace Kimera.Engine.Embeddings.Quantization;

/// <summary>
/// The CPU's integer dot-product units that ONNX Runtime's int8 kernels use for signed weights (u8 × s8 products summed in
/// 32 bits, so nothing saturates). Named as Linux's <c>/proc/cpuinfo</c> flags name them.
/// </summary>
[Flags]
public enum DotProductUnits
{
    /// <summary>None of the three: signed int8 products go through <c>vpmaddubsw</c>, which saturates pairs at 32,767.</summary>
    None = 0,

    /// <summary><c>avx512_vnni</c>: CPUID leaf 7 sub-leaf 0, ECX bit 11 (Intel Cascade Lake and later Xeons, AMD Zen 4 and later).</summary>
    Avx512Vnni = 1,

    /// <summary><c>avx_vnni</c>: CPUID leaf 7 sub-leaf 1, EAX bit 4 (Intel Alder Lake and later).</summary>
    AvxVnni = 2,

    /// <summary><c>amx_int8</c>: CPUID leaf 7 sub-leaf 0, EDX bit 25 (Intel Sapphire Rapids and later Xeons).</summary>
    AmxInt8 = 4,
}
