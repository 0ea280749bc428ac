using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Kimera.Bench;

/// <summary>
/// The machine's best fp32 matrix-multiply rate through ONNX Runtime's own MatMul kernel (MLAS), with the same thread
/// settings as the embedder: the compute ceiling that embedding throughput is compared against.
/// </summary>
internal sealed class MatMulCeiling : IDisposable
{
    private readonly List<Variant> _variants = [];

    /// <summary>Sessions with and without thread spinning, for the shapes that dominate MiniLM batches (M = batch x tokens).</summary>
    public MatMulCeiling(int threads)
    {
        foreach (var spin in new[] { true, false })
        {
            foreach (var (m, k, n) in new[] { (512, 512, 512), (1024, 1024, 1024), (2048, 384, 1536) })
            {
                _variants.Add(new Variant(threads, spin, m, k, n));
            }
        }
    }

    /// <summary>Runs each variant once, adding to its totals; call between embedding batches so both see the same load.</summary>
    public void Sample()
    {
        foreach (var variant in _variants) variant.Run();
    }

    /// <summary>Starts a new aggregation window (one per repetition: the load on a shared machine drifts).</summary>
    public void Reset()
    {
        foreach (var variant in _variants) variant.Reset();
    }

    /// <summary>The best aggregate rate of any variant since the last reset, GFLOP/s.</summary>
    public double BestGflops => _variants.Max(v => v.Gflops);

    public IEnumerable<string> Lines => _variants.Select(v => $"  SGEMM {v.Name}: {v.Gflops:F1} GFLOP/s");

    public void Dispose()
    {
        foreach (var variant in _variants) variant.Dispose();
    }

    private sealed class Variant : IDisposable
    {
        private readonly SessionOptions _options;
        private readonly InferenceSession _session;
        private readonly OrtValue _a, _b, _c;
        private readonly RunOptions _run = new();
        private readonly double _flops;
        private double _seconds;
        private int _runs;

        public Variant(int threads, bool spin, int m, int k, int n)
        {
            Name = $"{m}x{k}x{n} spin={spin}";
            _options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
            };
            _options.AddSessionConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
            _session = new InferenceSession(BuildMatMulModel(), _options);
            var random = new Random(1);
            var a = new float[m * k];
            var b = new float[k * n];
            for (var i = 0; i < a.Length; i++) a[i] = (float)random.NextDouble() - 0.5f;
            for (var i = 0; i < b.Length; i++) b[i] = (float)random.NextDouble() - 0.5f;
            _a = OrtValue.CreateTensorValueFromMemory(a, [m, k]);
            _b = OrtValue.CreateTensorValueFromMemory(b, [k, n]);
            _c = OrtValue.CreateTensorValueFromMemory(new float[m * n], [m, n]);
            _flops = 2.0 * m * n * k;
            _session.Run(_run, ["A", "B"], [_a, _b], ["C"], [_c]);
        }

        public string Name { get; }

        public double Gflops => _runs == 0 ? 0 : _flops * _runs / _seconds / 1e9;

        public void Reset()
        {
            _seconds = 0;
            _runs = 0;
        }

        public void Run()
        {
            // One untimed run wakes the thread pool and warms the caches; the next three are timed.
            _session.Run(_run, ["A", "B"], [_a, _b], ["C"], [_c]);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 3; i++) _session.Run(_run, ["A", "B"], [_a, _b], ["C"], [_c]);
            _seconds += watch.Elapsed.TotalSeconds;
            _runs += 3;
        }

        public void Dispose()
        {
            _a.Dispose();
            _b.Dispose();
            _c.Dispose();
            _run.Dispose();
            _session.Dispose();
            _options.Dispose();
        }
    }

    /// <summary>
    /// A one-node ONNX model C = MatMul(A, B) with symbolic dimensions, protobuf-encoded by hand
    /// (ONNX Runtime's .NET API has no graph builder and a file would have to ship with the bench).
    /// </summary>
    private static byte[] BuildMatMulModel()
    {
        static byte[] Tensor(string name, string rows, string columns)
        {
            var shape = Proto.Message(1, Proto.String(2, rows)).Concat(Proto.Message(1, Proto.String(2, columns))).ToArray();
            var tensorType = Proto.Varint(1, 1).Concat(Proto.Message(2, shape)).ToArray(); // elem_type FLOAT, shape
            var type = Proto.Message(1, tensorType);
            return Proto.String(1, name).Concat(Proto.Message(2, type)).ToArray();
        }

        var node = Proto.String(1, "A").Concat(Proto.String(1, "B")).Concat(Proto.String(2, "C")).Concat(Proto.String(4, "MatMul")).ToArray();
        var graph = Proto.Message(1, node)
            .Concat(Proto.String(2, "matmul"))
            .Concat(Proto.Message(11, Tensor("A", "M", "K")))
            .Concat(Proto.Message(11, Tensor("B", "K", "N")))
            .Concat(Proto.Message(12, Tensor("C", "M", "N")))
            .ToArray();
        var opset = Proto.String(1, string.Empty).Concat(Proto.Varint(2, 13)).ToArray();
        return Proto.Varint(1, 8).Concat(Proto.Message(8, opset)).Concat(Proto.Message(7, graph)).ToArray();
    }

    private static class Proto
    {
        public static byte[] Varint(int field, long value) => [.. Key(field, 0), .. Raw((ulong)value)];

        public static byte[] String(int field, string value) => Message(field, System.Text.Encoding.UTF8.GetBytes(value));

        public static byte[] Message(int field, byte[] body) => [.. Key(field, 2), .. Raw((ulong)body.Length), .. body];

        private static byte[] Key(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

        private static byte[] Raw(ulong value)
        {
            var bytes = new List<byte>();
            do
            {
                var b = (byte)(value & 0x7F);
                value >>= 7;
                bytes.Add(value == 0 ? b : (byte)(b | 0x80));
            }
            while (value != 0);
            return [.. bytes];
        }
    }
}
