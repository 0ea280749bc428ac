namespace Kimera.Engine.Embeddings.Quantization;

/// <summary>
/// Which weights the int8 model stores, hence which ONNX Runtime kernel runs its products, and why. ONNX Runtime moves
/// only the signed-weight (U8S8) kernels onto the CPU's dot-product units (<c>vpdpbusd</c>, AMX tiles), which sum in 32
/// bits: there signed weights give the same integers as unsigned ones, several times faster. Without those units the
/// U8S8 kernels use <c>vpmaddubsw</c>, which saturates a pair of products at 32,767 (2·255·127 = 64,770), so vectors
/// would depend on the CPU: unsigned weights (U8U8, widened to 16 bits, never saturating) are the rule there.
/// </summary>
/// <param name="SignedWeights">Int8 weights (U8S8 kernels) rather than uint8 with zero point 128 (U8U8).</param>
/// <param name="Units">The CPU's dot-product units the decision saw.</param>
/// <param name="Forced">Whether a setting, not the CPU, chose the weights.</param>
public sealed record Int8KernelChoice(bool SignedWeights, DotProductUnits Units, bool Forced)
{
    /// <summary>The environment variable that sets the weights when <c>Kimera:Embedding:Int8Weights</c> is left at auto.</summary>
    public const string EnvironmentVariable = "KIMERA_INT8_WEIGHTS";

    /// <summary>
    /// The rule: signed weights when <paramref name="requested"/> says so, or when it is <see cref="Int8Weights.Auto"/>
    /// and the CPU has any of <see cref="DotProductUnits"/>; unsigned otherwise.
    /// </summary>
    public static Int8KernelChoice Choose(Int8Weights requested, DotProductUnits units) => requested switch
    {
        Int8Weights.Auto => new Int8KernelChoice(units != DotProductUnits.None, units, Forced: false),
        Int8Weights.Signed => new Int8KernelChoice(true, units, Forced: true),
        Int8Weights.Unsigned => new Int8KernelChoice(false, units, Forced: true),
        _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, $"Int8Weights must be Auto, Signed or Unsigned, not {requested}."),
    };

    /// <summary>
    /// The setting in force: <paramref name="configured"/> when it is not auto, else <paramref name="environmentValue"/>
    /// (the value of <see cref="EnvironmentVariable"/>; null or empty for auto).
    /// </summary>
    /// <exception cref="ArgumentException">The environment value names no setting.</exception>
    public static Int8Weights Requested(Int8Weights configured, string? environmentValue)
    {
        if (configured != Int8Weights.Auto || string.IsNullOrWhiteSpace(environmentValue))
        {
            return configured;
        }

        return Parse(environmentValue)
            ?? throw new ArgumentException($"{EnvironmentVariable}: '{environmentValue}' is not an int8 weight setting; use auto, signed or unsigned.", nameof(environmentValue));
    }

    /// <summary>The choice for this process: the setting in force (<see cref="Requested"/>) on this CPU (<see cref="CpuDotProductUnits.Detect"/>).</summary>
    public static Int8KernelChoice ForThisMachine(Int8Weights configured) =>
        Choose(Requested(configured, Environment.GetEnvironmentVariable(EnvironmentVariable)), CpuDotProductUnits.Detect());

    /// <summary>The setting <paramref name="value"/> names (auto, signed, unsigned; case-insensitive); null when it names none.</summary>
    public static Int8Weights? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => Int8Weights.Auto,
        "signed" => Int8Weights.Signed,
        "unsigned" => Int8Weights.Unsigned,
        _ => null,
    };

    /// <summary>
    /// Whether the integer products are exact, so that the vectors equal the unsigned model's bit for bit: always for
    /// unsigned weights, and for signed weights where the CPU has a dot-product unit. Signed weights forced onto a CPU
    /// without one may saturate, and <see cref="OnnxSentenceEmbedder.ModelId"/> then names them apart.
    /// </summary>
    public bool ExactProducts => !SignedWeights || Units != DotProductUnits.None;

    /// <summary><paramref name="recipe"/> with this choice's weights (<see cref="Int8Recipe.UnsignedWeights"/>).</summary>
    public Int8Recipe Recipe(Int8Recipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return recipe with { UnsignedWeights = !SignedWeights };
    }

    /// <summary>
    /// What the embedding model id names after <c>@</c>: <paramref name="recipe"/> with unsigned weights when the
    /// products are exact (<see cref="ExactProducts"/>: same vectors, so caches and run fingerprints are shared across CPUs
    /// and kernels), else the signed recipe with <c>-saturating</c>, so that those vectors never mix with the others.
    /// </summary>
    public string VectorsName(Int8Recipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return ExactProducts ? (recipe with { UnsignedWeights = true }).Describe() : $"{Recipe(recipe).Describe()}-saturating";
    }

    /// <summary>The weights as the derived model's file name and the recipe name them: <c>s8</c> or <c>u8u8</c>.</summary>
    public string WeightsName => SignedWeights ? "s8" : "u8u8";

    /// <summary>The CPU's units as <c>/proc/cpuinfo</c> flags, comma-separated; <c>none</c> without any.</summary>
    public string UnitsName => Units == DotProductUnits.None
        ? "none"
        : string.Join(',', new[] { (DotProductUnits.Avx512Vnni, "avx512_vnni"), (DotProductUnits.AvxVnni, "avx_vnni"), (DotProductUnits.AmxInt8, "amx_int8") }
            .Where(u => Units.HasFlag(u.Item1)).Select(u => u.Item2));

    /// <summary>
    /// For reports and benchmark lines: <c>signed (avx512_vnni)</c>, <c>unsigned (cpu: none)</c>, or with <c>forced</c>
    /// when a setting chose, e.g. <c>unsigned (forced; cpu: avx512_vnni)</c>.
    /// </summary>
    public string Describe() => $"{(SignedWeights ? "signed" : "unsigned")} ({(Forced ? "forced; " : "")}{(Forced || Units == DotProductUnits.None ? "cpu: " : "")}{UnitsName})";

    /// <inheritdoc />
    public override string ToString() => Describe();
}
