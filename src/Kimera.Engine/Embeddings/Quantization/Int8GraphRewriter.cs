using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Kimera.Engine.Embeddings.Quantization;

/// <summary>
/// Rewrites a float32 BERT-style ONNX model so that every MatMul by a constant weight matrix runs in int8:
/// <c>QuantizeLinear (static uint8 scale) → com.microsoft MatMulIntegerToFloat</c> with per-column 8-bit weights, the
/// following bias Add folded in, plus a small float32 MatMul over the activation's few outlier channels
/// (<c>Gather → MatMul → Add</c>, LLM.int8()-style). Everything else (embeddings, LayerNorm, softmax, GELU, the two
/// attention products) stays float32, and so do the weight MatMuls that <see cref="Int8Recipe.Float32MatMuls"/> names.
/// </summary>
/// <remarks>
/// Activation scales are constants calibrated once (<see cref="ActivationCalibrator"/>), never computed from the batch:
/// a text's vector depends on that text alone, bit for bit, whatever else is in its batch. Outlier channels (a LayerNorm
/// channel reaching ~28 where others stay near 2, GELU channels reaching ~25) are split off exactly: their weight rows are
/// zero in the int8 matrix and multiplied in float32 beside. Optional smoothing (SmoothQuant, <see cref="Int8Recipe.SmoothingAlpha"/>)
/// divides channel k by s_k before quantizing and multiplies weight row k by s_k (exact in real arithmetic); measured
/// on mixed_5k texts it lowered the worst cosine, so the default recipe leaves it off.
/// </remarks>
internal static class Int8GraphRewriter
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>The activation tensors that feed MatMuls by constant 2-D float weights, in graph order.</summary>
    public static IReadOnlyList<string> QuantizableActivations(ModelProto model) =>
        WeightMatMuls(model).Select(n => n.Input[0]).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The MatMuls by constant 2-D float weights, in graph order (<see cref="Int8Recipe.Float32MatMuls"/> indexes them).</summary>
    public static IReadOnlyList<NodeProto> WeightMatMuls(ModelProto model)
    {
        var weights = model.Graph.Initializer.Where(IsFloatMatrix).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return model.Graph.Node
            .Where(n => n.OpType == "MatMul" && n.Domain.Length == 0 && n.Input.Count == 2 && weights.Contains(n.Input[1]) && !weights.Contains(n.Input[0]))
            .ToArray();
    }

    /// <summary>Returns the int8 model; <paramref name="ranges"/> holds the calibrated range of every quantizable activation.</summary>
    public static ModelProto Rewrite(ModelProto fp32, IReadOnlyDictionary<string, ChannelRange> ranges, Int8Recipe recipe)
    {
        var model = fp32.Clone();
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var activations = QuantizableActivations(model);
        var consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input)
            {
                if (!consumers.TryGetValue(input, out var list))
                {
                    list = [];
                    consumers[input] = list;
                }

                list.Add(node);
            }
        }

        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var replaced = new Dictionary<NodeProto, NodeProto[]>();
        var removed = new HashSet<NodeProto>();
        var usedWeights = new HashSet<string>(StringComparer.Ordinal);
        var kept = WeightMatMuls(model).Where((_, i) => recipe.Float32MatMuls.Contains(i)).ToHashSet();
        foreach (var activation in activations)
        {
            if (!ranges.TryGetValue(activation, out var range))
            {
                throw new InvalidOperationException($"No calibrated range for activation '{activation}'.");
            }

            var matMuls = consumers[activation]
                .Where(n => n.OpType == "MatMul" && n.Domain.Length == 0 && n.Input[0] == activation && initializers.TryGetValue(n.Input[1], out var w) && IsFloatMatrix(w) && !kept.Contains(n))
                .ToArray();
            if (matMuls.Length == 0)
            {
                continue;
            }

            var channels = range.Channels;
            var weights = matMuls.Select(n => ReadFloats(initializers[n.Input[1]])).ToArray();
            var columns = matMuls.Select(n => checked((int)initializers[n.Input[1]].Dims[1])).ToArray();
            foreach (var node in matMuls)
            {
                if (initializers[node.Input[1]].Dims[0] != channels)
                {
                    throw new InvalidDataException($"MatMul '{node.Name}' multiplies {channels} channels by a {initializers[node.Input[1]].Dims[0]}-row weight.");
                }
            }

            // Outlier channels (a few, with ranges many times the typical channel's) stay float32: they would otherwise set
            // the whole tensor's scale and leave a handful of steps to every other channel.
            var absMax = Enumerable.Range(0, channels).Select(k => Math.Max(Math.Abs(range.Min[k]), Math.Abs(range.Max[k]))).ToArray();
            var median = absMax.Order().ElementAt(channels / 2);
            var outliers = recipe.OutlierRatio > 0
                ? Enumerable.Range(0, channels).Where(k => absMax[k] > recipe.OutlierRatio * median).OrderByDescending(k => absMax[k]).ThenBy(k => k).Take(recipe.MaxOutlierChannels).Order().ToArray()
                : [];
            var isOutlier = new bool[channels];
            foreach (var k in outliers)
            {
                isOutlier[k] = true;
            }

            // s_k = max|X_k|^α / max|W_k|^(1−α), the largest weight magnitude of row k over every MatMul sharing X.
            var smoothing = new float[channels];
            for (var k = 0; k < channels; k++)
            {
                double activationMax = Math.Max(Math.Abs(range.Min[k]), Math.Abs(range.Max[k]));
                double weightMax = 0;
                for (var m = 0; m < weights.Length; m++)
                {
                    var row = weights[m].AsSpan(k * columns[m], columns[m]);
                    foreach (var value in row)
                    {
                        weightMax = Math.Max(weightMax, Math.Abs(value));
                    }
                }

                var s = !isOutlier[k] && recipe.SmoothingAlpha > 0 && activationMax > 0 && weightMax > 0
                    ? Math.Pow(activationMax, recipe.SmoothingAlpha) / Math.Pow(weightMax, 1 - recipe.SmoothingAlpha)
                    : 1.0;
                smoothing[k] = (float)Math.Clamp(s, 1e-5, 1e5);
            }

            // The smoothed tensor's range, widened to hold 0 so that zero (and the bias-free padding) is exact.
            double low = 0, high = 0;
            for (var k = 0; k < channels; k++)
            {
                if (isOutlier[k])
                {
                    continue;
                }

                low = Math.Min(low, range.Min[k] / smoothing[k]);
                high = Math.Max(high, range.Max[k] / smoothing[k]);
            }

            // A margin for texts whose activations reach a little past the calibration texts' (QuantizeLinear would clip them).
            low *= recipe.RangeMargin;
            high *= recipe.RangeMargin;
            var scale = (float)((high - low) / recipe.ActivationQuantMax);
            if (scale <= 0 || !float.IsFinite(scale))
            {
                scale = 1f;
            }

            var zeroPoint = (byte)Math.Clamp(Math.Round(-low / scale, MidpointRounding.ToEven), 0, recipe.ActivationQuantMax);
            var prefix = Sanitize(activation);
            var quantInput = activation;
            var inserted = new List<NodeProto>();
            if (smoothing.Any(s => s != 1f))
            {
                var inverse = smoothing.Select(s => 1f / s).ToArray();
                graph.Initializer.Add(FloatTensor($"{prefix}_smooth_inv", inverse, [channels]));
                quantInput = $"{prefix}_smoothed";
                inserted.Add(Node("Mul", $"{prefix}_Smooth", [activation, $"{prefix}_smooth_inv"], [quantInput]));
            }

            graph.Initializer.Add(FloatTensor($"{prefix}_scale", [scale], []));
            graph.Initializer.Add(new TensorProto { Name = $"{prefix}_zero_point", DataType = (int)TensorProto.Types.DataType.Uint8, RawData = ByteString.CopyFrom(zeroPoint) });
            inserted.Add(Node("QuantizeLinear", $"{prefix}_Quantize", [quantInput, $"{prefix}_scale", $"{prefix}_zero_point"], [$"{prefix}_quantized"]));
            if (outliers.Length > 0)
            {
                var indices = new TensorProto { Name = $"{prefix}_outlier_channels", DataType = (int)TensorProto.Types.DataType.Int64, Dims = { outliers.Length } };
                indices.Int64Data.AddRange(outliers.Select(k => (long)k));
                graph.Initializer.Add(indices);
                var gather = Node("Gather", $"{prefix}_Outliers", [activation, indices.Name], [$"{prefix}_outliers"]);
                gather.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 });
                inserted.Add(gather);
            }

            for (var m = 0; m < matMuls.Length; m++)
            {
                var node = matMuls[m];
                var weightName = node.Input[1];
                usedWeights.Add(weightName);
                var n = columns[m];
                var (quantized, columnScales) = QuantizeWeights(weights[m], channels, n, smoothing, isOutlier, recipe.WeightQuantMax);
                var weightZeroPoint = "";
                if (recipe.UnsignedWeights)
                {
                    var unsigned = quantized.Select(q => (byte)(q + 128)).ToArray();
                    graph.Initializer.Add(new TensorProto { Name = $"{weightName}_int8", DataType = (int)TensorProto.Types.DataType.Uint8, Dims = { channels, n }, RawData = ByteString.CopyFrom(unsigned) });
                    weightZeroPoint = $"{weightName}_zero_point";
                    graph.Initializer.Add(new TensorProto { Name = weightZeroPoint, DataType = (int)TensorProto.Types.DataType.Uint8, Dims = { n }, RawData = ByteString.CopyFrom(Enumerable.Repeat((byte)128, n).ToArray()) });
                }
                else
                {
                    graph.Initializer.Add(new TensorProto { Name = $"{weightName}_int8", DataType = (int)TensorProto.Types.DataType.Int8, Dims = { channels, n }, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(quantized.AsSpan())) });
                }

                graph.Initializer.Add(FloatTensor($"{weightName}_scale", columnScales, [n]));

                // Fold "Add(bias, MatMul)" into the operator when the bias is a constant vector and the sum its only use.
                var output = node.Output[0];
                string? bias = null;
                if (!graphOutputs.Contains(output) && consumers.TryGetValue(output, out var uses) && uses.Count == 1 && uses[0].OpType == "Add" && uses[0].Domain.Length == 0)
                {
                    var add = uses[0];
                    var other = add.Input[0] == output ? add.Input[1] : add.Input[0];
                    if (initializers.TryGetValue(other, out var b) && b.Dims.Count == 1 && b.Dims[0] == n && b.DataType == (int)TensorProto.Types.DataType.Float)
                    {
                        bias = other;
                        removed.Add(add);
                        output = add.Output[0];
                    }
                }

                var inputs = new List<string> { $"{prefix}_quantized", $"{weightName}_int8", $"{prefix}_scale", $"{weightName}_scale", $"{prefix}_zero_point" };
                if (weightZeroPoint.Length > 0 || bias is not null)
                {
                    inputs.Add(weightZeroPoint);
                }

                if (bias is not null)
                {
                    inputs.Add(bias);
                }

                var integerOutput = outliers.Length > 0 ? $"{output}_int8_part" : output;
                var integer = Node("MatMulIntegerToFloat", $"{node.Name}_Int8", inputs, [integerOutput]);
                integer.Domain = MicrosoftDomain;
                var added = new List<NodeProto> { integer };
                if (outliers.Length > 0)
                {
                    var outlierWeights = new float[outliers.Length * n];
                    for (var o = 0; o < outliers.Length; o++)
                    {
                        weights[m].AsSpan(outliers[o] * n, n).CopyTo(outlierWeights.AsSpan(o * n, n));
                    }

                    graph.Initializer.Add(FloatTensor($"{weightName}_outlier_rows", outlierWeights, [outliers.Length, n]));
                    added.Add(Node("MatMul", $"{node.Name}_Outliers", [$"{prefix}_outliers", $"{weightName}_outlier_rows"], [$"{output}_outlier_part"]));
                    added.Add(Node("Add", $"{node.Name}_Sum", [integerOutput, $"{output}_outlier_part"], [output]));
                }

                replaced[node] = m == 0 ? [.. inserted, .. added] : [.. added];
            }
        }

        var nodes = new List<NodeProto>(graph.Node.Count);
        foreach (var node in graph.Node)
        {
            if (replaced.TryGetValue(node, out var with))
            {
                nodes.AddRange(with);
            }
            else if (!removed.Contains(node))
            {
                nodes.Add(node);
            }
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        var stillUsed = nodes.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        var stale = graph.Initializer.Where(t => usedWeights.Contains(t.Name) && !stillUsed.Contains(t.Name)).ToArray();
        foreach (var tensor in stale)
        {
            graph.Initializer.Remove(tensor);
        }

        if (!model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        model.ProducerName = "kimera-int8";
        return model;
    }

    /// <summary>Per column: scale = max|W'[·,n]| / qmax, W' = row-smoothed weights; quantized values round to nearest, ties to even.</summary>
    private static (sbyte[] Quantized, float[] Scales) QuantizeWeights(float[] weights, int rows, int columns, float[] smoothing, bool[] isOutlier, int quantMax)
    {
        // Outlier rows are zero here: their products are computed in float32 beside.
        var smoothed = new float[weights.Length];
        for (var k = 0; k < rows; k++)
        {
            for (var n = 0; n < columns; n++)
            {
                smoothed[(k * columns) + n] = isOutlier[k] ? 0f : weights[(k * columns) + n] * smoothing[k];
            }
        }

        var scales = new float[columns];
        for (var n = 0; n < columns; n++)
        {
            var max = 0f;
            for (var k = 0; k < rows; k++)
            {
                max = Math.Max(max, Math.Abs(smoothed[(k * columns) + n]));
            }

            scales[n] = max > 0 ? max / quantMax : 1f;
        }

        var quantized = new sbyte[weights.Length];
        for (var k = 0; k < rows; k++)
        {
            for (var n = 0; n < columns; n++)
            {
                var q = Math.Round(smoothed[(k * columns) + n] / scales[n], MidpointRounding.ToEven);
                quantized[(k * columns) + n] = (sbyte)Math.Clamp(q, -quantMax, quantMax);
            }
        }

        return (quantized, scales);
    }

    private static bool IsFloatMatrix(TensorProto tensor) => tensor.DataType == (int)TensorProto.Types.DataType.Float && tensor.Dims.Count == 2;

    private static float[] ReadFloats(TensorProto tensor)
    {
        if (!tensor.RawData.IsEmpty)
        {
            return MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
        }

        return [.. tensor.FloatData];
    }

    private static TensorProto FloatTensor(string name, float[] values, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static NodeProto Node(string op, string name, IEnumerable<string> inputs, IEnumerable<string> outputs)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }

    private static string Sanitize(string name) => "q_" + new string([.. name.Select(c => char.IsLetterOrDigit(c) ? c : '_')]);
}
