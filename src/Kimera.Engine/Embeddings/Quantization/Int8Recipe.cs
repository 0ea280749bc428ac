using System.Globalization;

namespace Kimera.Engine.Embeddings.Quantization;

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
    /// exact on every CPU, and the worst cosine on 600 mixed_5k texts was 0.994 against 0.988 with int8 weights (on a CPU
    /// without VNNI). The embedder sets it per CPU (<see cref="Int8KernelChoice"/>): signed where VNNI or AMX sums the
    /// products in 32 bits, which gives the same integers, hence the same vectors, several times faster.
    /// </summary>
    public bool UnsignedWeights { get; init; } = true;

    /// <summary>
    /// A channel whose calibrated largest magnitude exceeds this many times the median channel's stays float32 (its rows
    /// of the weights multiply it in a small float32 product beside the int8 one); 0 turns this off. Version 1 used 4×
    /// and at most 32: a lower threshold narrows the int8 range of the remaining channels (finer steps).
    /// </summary>
    public double OutlierRatio { get; init; } = 3;

    /// <summary>At most this many float32 channels per activation (the largest ones).</summary>
    public int MaxOutlierChannels { get; init; } = 64;

    /// <summary>
    /// Factor widening each calibrated activation range (about zero) before its scale is set, so that texts reaching a
    /// little past the calibration texts' extremes are not clipped. With a lower outlier threshold alone (2×), clipping
    /// lowered the worst per-text cosine to 0.987 on 1,100 texts; 10% wider keeps the recipe's worst at 0.998. Wider costs
    /// resolution: 1.3 with version 1's 4× rule made every figure worse.
    /// </summary>
    public double RangeMargin { get; init; } = 1.1;

    /// <summary>
    /// Weight MatMuls left float32, by position among the model's MatMuls by a constant weight matrix in graph order (in
    /// this BERT export, six per layer: query, key, value, attention output, intermediate, output). The default keeps
    /// the first layer (0-5) and the value projection of the others (8, 14, 20, 26, 32): measured one kind or one layer
    /// at a time on the verdict gate's samples, these were the products whose quantization moved the pairs' cosines most
    /// (the value projection's error reaches the layer's output directly; the first layer's is carried through all the
    /// others).
    /// </summary>
    public IReadOnlyList<int> Float32MatMuls { get; init; } = [0, 1, 2, 3, 4, 5, 8, 14, 20, 26, 32];

    /// <summary>A stable text naming every setting, hashed into the cached model's file name.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"int8-v{Version}-alpha{SmoothingAlpha:R}-w{WeightQuantMax}-a{ActivationQuantMax}-o{OutlierRatio:R}x{MaxOutlierChannels}{(UnsignedWeights ? "-u8u8" : "-s8")}{(RangeMargin != 1 ? $"-m{RangeMargin:R}" : "")}{(Float32MatMuls.Count > 0 ? "-f" + string.Join('.', Float32MatMuls) : "")}");
}
