using Kimera.Engine.Embeddings.Quantization;

namespace Kimera.Engine.Tests.Embeddings.Quantization;

/// <summary>The CPU rule with fed flags: signed weights where a dot-product unit exists, unsigned elsewhere, a setting forcing either.</summary>
public sealed class Int8KernelChoiceTests
{
    [Theory]
    [InlineData(DotProductUnits.Avx512Vnni, true, "signed (avx512_vnni)")]
    [InlineData(DotProductUnits.AvxVnni, true, "signed (avx_vnni)")]
    [InlineData(DotProductUnits.AmxInt8, true, "signed (amx_int8)")]
    [InlineData(DotProductUnits.Avx512Vnni | DotProductUnits.AmxInt8, true, "signed (avx512_vnni,amx_int8)")]
    [InlineData(DotProductUnits.None, false, "unsigned (cpu: none)")]
    public void Auto_chooses_signed_weights_exactly_where_the_cpu_has_a_dot_product_unit(DotProductUnits units, bool signed, string described)
    {
        var choice = Int8KernelChoice.Choose(Int8Weights.Auto, units);

        Assert.Equal(signed, choice.SignedWeights);
        Assert.False(choice.Forced);
        Assert.True(choice.ExactProducts);
        Assert.Equal(described, choice.Describe());
        Assert.Equal(signed ? "s8" : "u8u8", choice.WeightsName);
    }

    [Theory]
    [InlineData(Int8Weights.Signed, DotProductUnits.None, true, false, "signed (forced; cpu: none)")]
    [InlineData(Int8Weights.Signed, DotProductUnits.Avx512Vnni, true, true, "signed (forced; cpu: avx512_vnni)")]
    [InlineData(Int8Weights.Unsigned, DotProductUnits.Avx512Vnni, false, true, "unsigned (forced; cpu: avx512_vnni)")]
    [InlineData(Int8Weights.Unsigned, DotProductUnits.None, false, true, "unsigned (forced; cpu: none)")]
    public void A_setting_forces_either_weights_on_either_side_of_the_rule(Int8Weights requested, DotProductUnits units, bool signed, bool exact, string described)
    {
        var choice = Int8KernelChoice.Choose(requested, units);

        Assert.Equal(signed, choice.SignedWeights);
        Assert.True(choice.Forced);
        Assert.Equal(exact, choice.ExactProducts);
        Assert.Equal(described, choice.Describe());
    }

    [Fact]
    public void Recipe_and_vectors_name_follow_the_weights_and_only_saturating_products_get_a_name_of_their_own()
    {
        var unsigned = Int8KernelChoice.Choose(Int8Weights.Auto, DotProductUnits.None);
        var signedVnni = Int8KernelChoice.Choose(Int8Weights.Auto, DotProductUnits.Avx512Vnni);
        var signedForced = Int8KernelChoice.Choose(Int8Weights.Signed, DotProductUnits.None);

        Assert.True(unsigned.Recipe(Int8Recipe.Default).UnsignedWeights);
        Assert.False(signedVnni.Recipe(Int8Recipe.Default).UnsignedWeights);

        // Recipe v2 as docs/int8.md lists it: 127-step weights, 255-step activations, 3× outliers (at most 64), 10% margin,
        // the first layer and the value projections float32; the weights' part is the only difference.
        const string Common = "int8-v2-alpha0-w127-a255-o3x64";
        const string Rest = "-m1.1-f0.1.2.3.4.5.8.14.20.26.32";
        Assert.Equal($"{Common}-u8u8{Rest}", unsigned.Recipe(Int8Recipe.Default).Describe());
        Assert.Equal($"{Common}-s8{Rest}", signedVnni.Recipe(Int8Recipe.Default).Describe());

        // Exact products (unsigned anywhere, signed on VNNI/AMX) give the same vectors, hence the same id as before.
        Assert.Equal($"{Common}-u8u8{Rest}", unsigned.VectorsName(Int8Recipe.Default));
        Assert.Equal($"{Common}-u8u8{Rest}", signedVnni.VectorsName(Int8Recipe.Default));
        Assert.Equal($"{Common}-s8{Rest}-saturating", signedForced.VectorsName(Int8Recipe.Default));
    }

    [Theory]
    [InlineData(Int8Weights.Auto, null, Int8Weights.Auto)]
    [InlineData(Int8Weights.Auto, "", Int8Weights.Auto)]
    [InlineData(Int8Weights.Auto, "auto", Int8Weights.Auto)]
    [InlineData(Int8Weights.Auto, " Signed ", Int8Weights.Signed)]
    [InlineData(Int8Weights.Auto, "UNSIGNED", Int8Weights.Unsigned)]
    [InlineData(Int8Weights.Unsigned, "signed", Int8Weights.Unsigned)]
    [InlineData(Int8Weights.Signed, "unsigned", Int8Weights.Signed)]
    [InlineData(Int8Weights.Signed, "bogus", Int8Weights.Signed)]
    public void The_configured_setting_wins_and_the_environment_decides_only_when_it_is_auto(Int8Weights configured, string? environment, Int8Weights expected) =>
        Assert.Equal(expected, Int8KernelChoice.Requested(configured, environment));

    [Fact]
    public void An_environment_value_that_names_no_setting_is_refused_naming_the_variable_and_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => Int8KernelChoice.Requested(Int8Weights.Auto, "int4"));

        Assert.StartsWith("KIMERA_INT8_WEIGHTS: 'int4' is not an int8 weight setting; use auto, signed or unsigned.", error.Message, StringComparison.Ordinal);
    }

    // Intel SDM vol. 2A, CPUID leaf 07H: sub-leaf 0 ECX bit 11 AVX512_VNNI, EDX bit 25 AMX-INT8; sub-leaf 1 EAX bit 4 AVX-VNNI.
    // Their neighbours: ECX bits 10 (VPCLMULQDQ) and 12 (AVX512_BITALG), EDX bits 22 (AMX-BF16) and 24 (AMX-TILE), EAX bit 5 (AVX512_BF16).
    [Theory]
    [InlineData(0x0000_0800, 0, 0, DotProductUnits.Avx512Vnni)]
    [InlineData(0, 0x0200_0000, 0, DotProductUnits.AmxInt8)]
    [InlineData(0, 0, 0x10, DotProductUnits.AvxVnni)]
    [InlineData(0x0000_1400, 0x0140_0000, 0x20, DotProductUnits.None)]
    [InlineData(-1, -1, -1, DotProductUnits.Avx512Vnni | DotProductUnits.AvxVnni | DotProductUnits.AmxInt8)]
    public void Cpuid_bits_name_the_units_as_the_intel_manual_places_them(int leaf7Ecx, int leaf7Edx, int leaf7Sub1Eax, DotProductUnits expected) =>
        Assert.Equal(expected, CpuDotProductUnits.FromCpuId(leaf7Ecx, leaf7Edx, leaf7Sub1Eax));

    [Fact]
    public void Detection_on_this_machine_agrees_with_the_flags_linux_lists_in_proc_cpuinfo()
    {
        // Linux reads the same CPUID bits independently; off Linux (or off x86) there is no second reading to compare.
        var flagsLine = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) : null;
        var flags = flagsLine is null ? [] : flagsLine[(flagsLine.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var expected = DotProductUnits.None;
        if (flags.Contains("avx512_vnni"))
        {
            expected |= DotProductUnits.Avx512Vnni;
        }

        if (flags.Contains("avx_vnni"))
        {
            expected |= DotProductUnits.AvxVnni;
        }

        if (flags.Contains("amx_int8"))
        {
            expected |= DotProductUnits.AmxInt8;
        }

        Assert.Equal(expected, CpuDotProductUnits.Detect());
    }
}
