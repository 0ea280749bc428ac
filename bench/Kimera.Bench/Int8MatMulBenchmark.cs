using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Kimera.Engine.Embeddings.Quantization;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Kimera.Bench;

/// <summary>
/// One weight product alone, at MiniLM's shapes (M = batch × tokens rows; K×N = 384×1536, 1536×384, 384×384): float32
/// <c>MatMul</c> against <c>QuantizeLinear → MatMulIntegerToFloat</c> as <see cref="Int8GraphRewriter"/> emits it, with
/// uint8 weights (zero point 128: ONNX Runtime's U8U8 kernel) and with int8 weights (U8S8: VNNI or AMX where the CPU has
/// them). Constant weights, as in the model (ONNX Runtime packs them once). The three alternate run by run, the order
/// rotating each round; the speed-up is the median of the per-round ratios. Each line names the CPU's dot-product units.
/// </summary>
internal static class Int8MatMulBenchmark
{
    private const int RunsPerRound = 5;

    public static int Run(string[] args)
    {
        var rounds = BenchSupport.IntArg(args, "--rounds", 7);
        var threads = BenchSupport.IntArg(args, "--threads", Environment.ProcessorCount);
        var units = Int8KernelChoice.Choose(Int8Weights.Auto, CpuDotProductUnits.Detect()).UnitsName;
        Console.WriteLine($"{rounds} rounds of {RunsPerRound} runs, {threads} threads; CPU dot-product units: {units}; load average {BenchSupport.LoadAverage()}");
        Console.WriteLine("| M×K×N | fp32 ms | uint8 weights ms (speed-up) | int8 weights ms (speed-up) |");
        Console.WriteLine("|---|---|---|---|");
        var all = new Dictionary<string, List<double>> { ["u8"] = [], ["s8"] = [] };
        foreach (var m in new[] { 128, 512, 2048 })
        {
            foreach (var (k, n) in new[] { (384, 1536), (1536, 384), (384, 384) })
            {
                var random = new Random(m + k + n);
                var a = Enumerable.Range(0, m * k).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
                var w = Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() - 0.5) / 8).ToArray();
                using var fp32 = new Product(Fp32Model(w, k, n), threads, a, m, k, n);
                using var u8 = new Product(Int8Model(w, k, n, unsigned: true), threads, a, m, k, n);
                using var s8 = new Product(Int8Model(w, k, n, unsigned: false), threads, a, m, k, n);
                var products = new[] { fp32, u8, s8 };
                var seconds = products.Select(_ => new List<double>()).ToArray();
                for (var r = 0; r < rounds; r++)
                {
                    for (var i = 0; i < products.Length; i++)
                    {
                        var p = (i + r) % products.Length;
                        seconds[p].Add(products[p].Time(RunsPerRound) / RunsPerRound);
                    }
                }

                var u8Ratio = Stats.Median([.. seconds[0].Zip(seconds[1], (f, x) => f / x)]);
                var s8Ratio = Stats.Median([.. seconds[0].Zip(seconds[2], (f, x) => f / x)]);
                all["u8"].Add(u8Ratio);
                all["s8"].Add(s8Ratio);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {m}×{k}×{n} | {Stats.Median(seconds[0]) * 1000:F2} | {Stats.Median(seconds[1]) * 1000:F2} ({u8Ratio:F2}x) | {Stats.Median(seconds[2]) * 1000:F2} ({s8Ratio:F2}x) |"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"speed-up of the int8 product over fp32 MatMul (cpu: {units}): uint8 weights {all["u8"].Min():F2}–{all["u8"].Max():F2}x, int8 weights {all["s8"].Min():F2}–{all["s8"].Max():F2}x; load average {BenchSupport.LoadAverage()}"));
        return 0;
    }

    private static byte[] Fp32Model(float[] w, int k, int n)
    {
        var graph = new GraphProto { Name = "fp32" };
        graph.Initializer.Add(FloatTensor("W", w, [k, n]));
        graph.Node.Add(new NodeProto { OpType = "MatMul", Input = { "A", "W" }, Output = { "C" } });
        return Model(graph, k, n);
    }

    /// <summary>The rewriter's form: a static uint8 activation scale, per-column weight scales, weights in ±127.</summary>
    private static byte[] Int8Model(float[] w, int k, int n, bool unsigned)
    {
        var scales = new float[n];
        var quantized = new sbyte[k * n];
        for (var c = 0; c < n; c++)
        {
            var max = 0f;
            for (var r = 0; r < k; r++)
            {
                max = Math.Max(max, Math.Abs(w[(r * n) + c]));
            }

            scales[c] = max / 127;
            for (var r = 0; r < k; r++)
            {
                quantized[(r * n) + c] = (sbyte)Math.Round(w[(r * n) + c] / scales[c], MidpointRounding.ToEven);
            }
        }

        var graph = new GraphProto { Name = unsigned ? "u8u8" : "u8s8" };
        graph.Initializer.Add(FloatTensor("a_scale", [4f / 255], []));
        graph.Initializer.Add(new TensorProto { Name = "a_zero_point", DataType = (int)TensorProto.Types.DataType.Uint8, RawData = ByteString.CopyFrom((byte)128) });
        graph.Initializer.Add(FloatTensor("w_scale", scales, [n]));
        var inputs = new List<string> { "A_quantized", "W", "a_scale", "w_scale", "a_zero_point" };
        if (unsigned)
        {
            graph.Initializer.Add(new TensorProto { Name = "W", DataType = (int)TensorProto.Types.DataType.Uint8, Dims = { k, n }, RawData = ByteString.CopyFrom([.. quantized.Select(q => (byte)(q + 128))]) });
            graph.Initializer.Add(new TensorProto { Name = "w_zero_point", DataType = (int)TensorProto.Types.DataType.Uint8, Dims = { n }, RawData = ByteString.CopyFrom([.. Enumerable.Repeat((byte)128, n)]) });
            inputs.Add("w_zero_point");
        }
        else
        {
            graph.Initializer.Add(new TensorProto { Name = "W", DataType = (int)TensorProto.Types.DataType.Int8, Dims = { k, n }, RawData = ByteString.CopyFrom([.. quantized.Select(q => (byte)q)]) });
        }

        graph.Node.Add(new NodeProto { OpType = "QuantizeLinear", Input = { "A", "a_scale", "a_zero_point" }, Output = { "A_quantized" } });
        graph.Node.Add(new NodeProto { OpType = "MatMulIntegerToFloat", Domain = "com.microsoft", Input = { inputs }, Output = { "C" } });
        return Model(graph, k, n);
    }

    private static byte[] Model(GraphProto graph, int k, int n)
    {
        graph.Input.Add(FloatValue("A", "M", k));
        graph.Output.Add(FloatValue("C", "M", n));
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        return model.ToByteArray();
    }

    private static TensorProto FloatTensor(string name, float[] values, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    private static ValueInfoProto FloatValue(string name, string rows, int columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = rows });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } } };
    }

    private sealed class Product : IDisposable
    {
        private readonly SessionOptions _options;
        private readonly InferenceSession _session;
        private readonly OrtValue _a, _c;
        private readonly RunOptions _run = new();

        public Product(byte[] model, int threads, float[] a, int m, int k, int n)
        {
            _options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
            };
            _options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            _session = new InferenceSession(model, _options);
            _a = OrtValue.CreateTensorValueFromMemory(a, [m, k]);
            _c = OrtValue.CreateTensorValueFromMemory(new float[m * n], [m, n]);
            Time(1);
        }

        public double Time(int runs)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < runs; i++)
            {
                _session.Run(_run, ["A"], [_a], ["C"], [_c]);
            }

            return watch.Elapsed.TotalSeconds;
        }

        public void Dispose()
        {
            _a.Dispose();
            _c.Dispose();
            _run.Dispose();
            _session.Dispose();
            _options.Dispose();
        }
    }
}
