using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Kimera.Bench;

/// <summary>
/// The machine's best fp32 matrix-multiply rate through ONNX Runtime's own MatMul kernel (MLAS), with the same thread
/// settings as the embedder: the compute ceiling that embedding throughput is compared against.
/// </summary>
internal static class MatMulCeiling
{
    /// <summary>GFLOP/s for each shape and the best of them.</summary>
    public static (double BestGflops, IReadOnlyList<string> Lines) Measure(int threads, int repetitions)
    {
        var (spinning, spinLines) = Measure(threads, repetitions, spin: true);
        var (sleeping, sleepLines) = Measure(threads, repetitions, spin: false);
        return (Math.Max(spinning, sleeping), [.. spinLines, .. sleepLines]);
    }

    private static (double BestGflops, IReadOnlyList<string> Lines) Measure(int threads, int repetitions, bool spin)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
        using var session = new InferenceSession(BuildMatMulModel(), options);
        var lines = new List<string>();
        var best = 0.0;

        // 512^3 as asked, plus the shapes that dominate MiniLM batches (M = batch x tokens, K/N = 384/1536).
        foreach (var (m, k, n) in new[] { (512, 512, 512), (1024, 1024, 1024), (1536, 384, 1536) })
        {
            var a = new float[m * k];
            var b = new float[k * n];
            var c = new float[m * n];
            var random = new Random(1);
            for (var i = 0; i < a.Length; i++) a[i] = (float)random.NextDouble() - 0.5f;
            for (var i = 0; i < b.Length; i++) b[i] = (float)random.NextDouble() - 0.5f;
            using var av = OrtValue.CreateTensorValueFromMemory(a, [m, k]);
            using var bv = OrtValue.CreateTensorValueFromMemory(b, [k, n]);
            using var cv = OrtValue.CreateTensorValueFromMemory(c, [m, n]);
            using var run = new RunOptions();
            var flops = 2.0 * m * n * k;
            var iterations = Math.Max(3, (int)(1e10 / flops));
            var rates = new List<double>();
            for (var warm = 0; warm < 2; warm++) session.Run(run, ["A", "B"], [av, bv], ["C"], [cv]);
            for (var r = 0; r < repetitions; r++)
            {
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < iterations; i++) session.Run(run, ["A", "B"], [av, bv], ["C"], [cv]);
                rates.Add(flops * iterations / watch.Elapsed.TotalSeconds / 1e9);
            }

            var median = Stats.Median(rates);
            best = Math.Max(best, median);
            lines.Add($"  SGEMM {m}x{k}x{n} spin={spin}: median {median:F1} GFLOP/s (max {rates.Max():F1})");
        }

        return (best, lines);
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
