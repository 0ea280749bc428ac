using System.Runtime.Intrinsics.X86;

namespace Kimera.Engine.Embeddings.Quantization;

/// <summary>Reads which <see cref="DotProductUnits"/> this CPU has, from CPUID; the decision is <see cref="Int8KernelChoice"/>'s.</summary>
public static class CpuDotProductUnits
{
    private const int ExtendedFeaturesLeaf = 7;

    /// <summary>
    /// The units of this CPU: CPUID leaf 7 sub-leaf 0 (ECX bit 11 <c>avx512_vnni</c>, EDX bit 25 <c>amx_int8</c>) and sub-leaf
    /// 1 (EAX bit 4 <c>avx_vnni</c>), the bits ONNX Runtime's own CPU detection reads. None on other architectures (Arm) and
    /// on x86 CPUs whose highest CPUID leaf is below 7.
    /// </summary>
    public static DotProductUnits Detect()
    {
        if (!X86Base.IsSupported)
        {
            return DotProductUnits.None;
        }

        var (highestLeaf, _, _, _) = X86Base.CpuId(0, 0);
        if (highestLeaf < ExtendedFeaturesLeaf)
        {
            return DotProductUnits.None;
        }

        var (subLeaves, _, ecx0, edx0) = X86Base.CpuId(ExtendedFeaturesLeaf, 0);
        var eax1 = subLeaves >= 1 ? X86Base.CpuId(ExtendedFeaturesLeaf, 1).Eax : 0;
        return FromCpuId(ecx0, edx0, eax1);
    }

    /// <summary>The units named by the CPUID registers: leaf 7 sub-leaf 0's ECX and EDX, sub-leaf 1's EAX.</summary>
    public static DotProductUnits FromCpuId(int leaf7Ecx, int leaf7Edx, int leaf7Sub1Eax)
    {
        var units = DotProductUnits.None;
        if ((leaf7Ecx & (1 << 11)) != 0)
        {
            units |= DotProductUnits.Avx512Vnni;
        }

        if ((leaf7Sub1Eax & (1 << 4)) != 0)
        {
            units |= DotProductUnits.AvxVnni;
        }

        if ((leaf7Edx & (1 << 25)) != 0)
        {
            units |= DotProductUnits.AmxInt8;
        }

        return units;
    }
}
