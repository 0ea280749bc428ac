using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Kimera.Engine.Embeddings.Quantization;

/// <summary>
/// Measures the per-channel range of the activations that feed the weight matrix products, by running the float32 model
/// on calibration texts with those tensors exposed as extra outputs.
/// </summary>
/// <remarks>
/// Each text runs alone (batch of one, no padding): padded positions compute values that no text's vector uses, and
/// letting them widen the ranges would waste int8 resolution. Deterministic: same model and texts, same ranges.
/// </remarks>
internal static class ActivationCalibrator
{
    public static Dictionary<string, ChannelRange> Measure(byte[] fp32Model, IReadOnlyCollection<string> tensors, IReadOnlyList<int[]> tokenIds)
    {
        var model = ModelProto.Parser.ParseFrom(fp32Model);
        foreach (var name in tensors)
        {
            model.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }

        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC };
        using var session = new InferenceSession(model.ToByteArray(), options);
        var hasTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        string[] inputNames = hasTokenTypes ? ["input_ids", "attention_mask", "token_type_ids"] : ["input_ids", "attention_mask"];
        var outputNames = tensors.ToArray();
        var ranges = new Dictionary<string, ChannelRange>(StringComparer.Ordinal);
        using var runOptions = new RunOptions();
        foreach (var ids in tokenIds)
        {
            var idValues = ids.Select(i => (long)i).ToArray();
            var mask = Enumerable.Repeat(1L, ids.Length).ToArray();
            var types = new long[ids.Length];
            long[] shape = [1, ids.Length];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(idValues, shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
            OrtValue[] inputs = hasTokenTypes ? [idsValue, maskValue, typesValue] : [idsValue, maskValue];
            using var outputs = session.Run(runOptions, inputNames, inputs, outputNames);
            for (var o = 0; o < outputNames.Length; o++)
            {
                var shapeOut = outputs[o].GetTensorTypeAndShape().Shape;
                var channels = checked((int)shapeOut[^1]);
                if (!ranges.TryGetValue(outputNames[o], out var range))
                {
                    range = new ChannelRange(channels);
                    ranges[outputNames[o]] = range;
                }

                range.Observe(outputs[o].GetTensorDataAsSpan<float>());
            }
        }

        return ranges;
    }
}
