using System.Globalization;

namespace Kimera.Embeddings.Quantization;

/// <summary>How <see cref="Int8GraphRewriter"/> turns the float32 model into the int8 one; part of the derived model's cache key.</summary>
public sealed record Int8Recipe
{
    /// <summary>The recipe the embedder uses. Raise <see cref="Version"/> whenever the rewrite or the calibration changes.</summary>
    public static Int8Recipe Default { get; } = new();

    /// <summary>Version of the rewrite code; a change re-derives every cached int8 model.</summary>
    public int Version { get; init; } = 2;

    /// <summary>
    /// SmoothQuant's migration strength α: channel k of an activation is divided by s_k = max|X_k|^α / max|W_k|^(1−α)
    /// and row k of the weights multiplied by it, so that a few outlier channels no longer set the whole tensor's scale.
    /// 0 (the default) turns smoothing off: with outlier channels kept in float32, smoothing at α = 0.5 lowered the worst
    /// per-text cosine to float32 on 600 mixed_5k texts from 0.994 to 0.945 (it magnifies GELU channels with large weights).
    /// </summary>
    public double SmoothingAlpha { get; init; }

    /// <summary>Largest magnitude of a quantized weight (per column: scale = max|W[·,n]| / this).</summary>
    public int WeightQuantMax { get; init; } = 127;

    /// <summary>Number of uint8 steps of a quantized activation above its smallest value (255 for the full byte).</summary>
    public int ActivationQuantMax { get; init; } = 255;

    /// <summary>
    /// Store weights as uint8 with a zero point of 128 (ONNX Runtime's U8U8 kernels, which widen to 16 bits before
    /// multiplying and never saturate) instead of int8 (U8S8: on CPUs without VNNI, <c>vpmaddubsw</c> saturates a pair of
    /// products at 32,767, and which products saturate depends on the CPU). On by default: the integer products are then
    /// exact on every CPU, and the worst cosine on 600 mixed_5k texts was 0.994 against 0.988 with int8 weights.
    /// </summary>
    public bool UnsignedWeights { get; init; } = true;

    /// <summary>
    /// A channel whose calibrated largest magnitude exceeds this many times the median channel's stays float32 (its rows
    /// of the weights multiply it in a small float32 product beside the int8 one); 0 turns this off.
    /// </summary>
    public double OutlierRatio { get; init; } = 3;

    /// <summary>At most this many float32 channels per activation (the largest ones).</summary>
    public int MaxOutlierChannels { get; init; } = 64;

    /// <summary>
    /// Weight MatMuls left float32, by position among the model's MatMuls by a constant weight matrix in graph order
    /// (for this BERT export, six per layer: query, key, value, attention output, intermediate, output).
    /// </summary>
    public IReadOnlyList<int> Float32MatMuls { get; init; } = [0, 1, 2, 3, 4, 5, 8, 14, 20, 26, 32];

    /// <summary>Factor widening each calibrated activation range (about zero) before its scale is set, for texts that reach past the calibration texts' extremes.</summary>
    public double RangeMargin { get; init; } = 1.1;

    /// <summary>A stable text naming every setting, hashed into the cached model's file name.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"int8-v{Version}-alpha{SmoothingAlpha:R}-w{WeightQuantMax}-a{ActivationQuantMax}-o{OutlierRatio:R}x{MaxOutlierChannels}{(UnsignedWeights ? "-u8u8" : "")}{(RangeMargin != 1 ? $"-m{RangeMargin:R}" : "")}{(Float32MatMuls.Count > 0 ? "-f" + string.Join('.', Float32MatMuls) : "")}");
}
