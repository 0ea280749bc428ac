using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kimera.Datasets;
using Kimera.Datasets.Layouts;
using Kimera.TestSupport;
using Parquet;
using Parquet.Schema;

namespace Kimera.Bench;

/// <summary>
/// The same Hugging Face style NLI pairs (premise, hypothesis, label 0/1/2 with some -1, idx) written as CSV, TSV, JSON
/// Lines, gzip-compressed JSON Lines and Parquet, read through <see cref="DatasetReader"/>: the reading rate of each
/// format against CSV's measured in the same run (formats alternated round-robin), and the peak working set of a fresh
/// child process reading the small and the big file of each format.
/// Usage: <c>dataset-formats [--pairs 100000] [--big 1000000] [--reps 5]</c>.
/// </summary>
/// <remarks>The texts are those of tests/data/mixed_contradictions.csv (en, fr, ar), with tabs and line breaks replaced
/// by spaces so that the unquoted TSV holds the same content; row i has premise text[i mod n], hypothesis
/// text[(7i + 3) mod n], label -1 on every 50th row and i mod 3 otherwise, idx i.</remarks>
internal static class DatasetFormatsBenchmark
{
    /// <summary>Rows per Parquet row group: Hugging Face exports write row groups of this order (datasets' default is
    /// based on size; 10,000 rows of these texts is about 2 MB of strings).</summary>
    public const int RowGroupRows = 10_000;

    private const string ChildCommand = "dataset-formats-child";
    private const double FlatRatio = 1.2;

    private static readonly string[] Formats = ["csv", "tsv", "jsonl", "parquet", "jsonl.gz"];

    public static async Task<int> RunAsync(string[] args)
    {
        var pairs = BenchSupport.IntArg(args, "--pairs", 100_000);
        var big = BenchSupport.IntArg(args, "--big", 1_000_000);
        var reps = BenchSupport.IntArg(args, "--reps", 5);
        var dir = Path.Combine(Path.GetTempPath(), "kimera-bench-formats");
        Directory.CreateDirectory(dir);
        var texts = Texts();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dataset-formats: {pairs:N0} and {big:N0} rows, {texts.Length:N0} texts, files in {dir}; load average {BenchSupport.LoadAverage()} (shared 2-core machine)"));
        foreach (var rows in new[] { pairs, big }.Distinct())
        {
            await WriteAllAsync(dir, rows, texts);
        }

        texts = null;
        GC.Collect();

        // 1. Reading rate: every format once per round, the order rotated each round; the first round is a warm-up.
        var seconds = Formats.ToDictionary(f => f, _ => new List<double>());
        var cpu = Formats.ToDictionary(f => f, _ => new List<double>());
        var counts = new Dictionary<string, string>();
        for (var round = 0; round <= reps; round++)
        {
            var order = new List<string>();
            for (var k = 0; k < Formats.Length; k++)
            {
                var format = Formats[(k + round) % Formats.Length];
                var (elapsed, cpuSeconds, summary) = await ReadAsync(FilePath(dir, pairs, format));
                counts[format] = Describe(summary);
                order.Add(string.Create(CultureInfo.InvariantCulture, $"{format} {elapsed:F3} s"));
                if (round > 0)
                {
                    seconds[format].Add(elapsed);
                    cpu[format].Add(cpuSeconds);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {(round == 0 ? "warm-up" : round.ToString(CultureInfo.InvariantCulture))}: {string.Join(", ", order)}; load {BenchSupport.LoadAverage()}"));
        }

        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"reading rate, {pairs:N0} rows per file, median of {reps} rounds (formats alternated, order rotated, 1 warm-up round), open + ReadPairsAsync to the end; rate vs csv = csv median / median:"),
        };
        var csvMedian = Stats.Median(seconds["csv"]);
        var csvCpu = Stats.Median(cpu["csv"]);
        foreach (var format in Formats)
        {
            var median = Stats.Median(seconds[format]);
            var cpuMedian = Stats.Median(cpu[format]);
            var pairsRead = long.Parse(counts[format].Split(' ')[0], CultureInfo.InvariantCulture);
            var ratio = csvMedian / median;
            var target = format is "jsonl" or "parquet" ? (ratio >= 1.0 ? "  (target >= 1.0: met)" : "  (target >= 1.0: MISSED)") : string.Empty;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {format,-9} median {median,7:F3} s  {pairsRead / median,10:N0} pairs/s  rate vs csv {ratio,5:F2}x{target}  [{string.Join(" ", seconds[format].Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}]  cpu median {cpuMedian:F3} s ({csvCpu / cpuMedian:F2}x csv)  file {new FileInfo(FilePath(dir, pairs, format)).Length / 1048576.0:F1} MB"));
        }

        var distinct = counts.Values.Distinct().ToArray();
        lines.Add(distinct.Length == 1
            ? $"  every format read the same: {distinct[0]}"
            : $"  FORMATS DIFFER: {string.Join("; ", counts.Select(c => c.Key + ": " + c.Value))}");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  parquet: snappy, row groups of {RowGroupRows:N0} rows, label int64, idx int32, huggingface ClassLabel metadata"));
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        // 2. Peak memory: each file read in a fresh child process.
        var bench = Path.Combine(AppContext.BaseDirectory, "Kimera.Bench.dll");
        var floor = Child(bench, "--floor");
        var memory = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"peak working set of a fresh process reading the whole file ({pairs:N0} vs {big:N0} rows; a process that only loads the reader: {floor.PeakMb:F0} MB):"),
        };
        Console.WriteLine(memory[0]);
        foreach (var format in Formats)
        {
            var small = Child(bench, FilePath(dir, pairs, format));
            var large = Child(bench, FilePath(dir, big, format));
            var ratio = large.PeakMb / small.PeakMb;
            memory.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {format,-9} {small.PeakMb,6:F0} MB vs {large.PeakMb,6:F0} MB  ratio {ratio,5:F2}  ({(ratio <= FlatRatio ? "flat, <= 1.2: met" : "> 1.2: MISSED")}); RSS by time -v {small.RssMb:F0} vs {large.RssMb:F0} MB; GC heap after reading {small.HeapMb:F0} vs {large.HeapMb:F0} MB; {large.Pairs:N0} pairs in {large.Seconds:F1} s"));
            Console.WriteLine(memory[^1]);
        }

        // The same files read without their id column: what the reader holds besides its index of ids.
        foreach (var format in new[] { "csv", "jsonl", "parquet" })
        {
            var small = Child(bench, FilePath(dir, pairs, format), idsFromLines: true);
            var large = Child(bench, FilePath(dir, big, format), idsFromLines: true);
            var ratio = large.PeakMb / small.PeakMb;
            memory.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {format + ", ids from lines",-24} {small.PeakMb,6:F0} MB vs {large.PeakMb,6:F0} MB  ratio {ratio,5:F2}  ({(ratio <= FlatRatio ? "flat, <= 1.2: met" : "> 1.2: MISSED")}); GC heap after reading {small.HeapMb:F0} vs {large.HeapMb:F0} MB"));
            Console.WriteLine(memory[^1]);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dataset-formats (absolute figures from a shared 2-core machine; load average now {BenchSupport.LoadAverage()})"));
        foreach (var line in lines.Concat(memory))
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    /// <summary>The child: reads one file to its end and prints its own peak working set (or, with <c>--floor</c>, only
    /// loads the reader's assemblies).</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine($"usage: {ChildCommand} <dataset>|--floor");
            return 2;
        }

        var linesAsIds = args.Contains("--ids-from-lines");
        var (elapsed, _, summary) = args[1] == "--floor" ? (0.0, 0.0, null) : await ReadAsync(args[1], linesAsIds);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak_working_set={process.PeakWorkingSet64} heap={GC.GetTotalMemory(false)} pairs={summary?.PairsBuilt ?? 0} seconds={elapsed:F3} typeof={typeof(DatasetReader).Name}"));
        return 0;
    }

    /// <summary>Opens and reads one file to its end: wall seconds, CPU seconds of the whole process (the GC's threads
    /// included), and the summary.</summary>
    /// <param name="idsFromLines">Read the texts and the label by mapping, without the idx column, as a Hugging Face
    /// export without ids is read: the ids come from line numbers and the reader keeps no index of them.</param>
    private static async Task<(double Seconds, double CpuSeconds, DatasetSummary Summary)> ReadAsync(string path, bool idsFromLines = false)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var options = idsFromLines
            ? new DatasetReaderOptions
            {
                Mapping = new ColumnMapping { Text1Column = "premise", Text2Column = "hypothesis", LabelColumn = "label", PositiveLabels = ["2"] },
            }
            : null;
        await using var reader = await DatasetReader.OpenAsync(path, options);
        await foreach (var _ in reader.ReadPairsAsync())
        {
        }

        var elapsed = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        return (elapsed, (process.TotalProcessorTime - cpuBefore).TotalSeconds, reader.Summary);
    }

    private static string Describe(DatasetSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.PairsBuilt} pairs ({s.Positives} contradictions, {s.Negatives} not), {s.RowsRead} rows, {s.NoGoldRows} without gold label, {s.BadRows} bad, layout {s.Mapping?.Layout}");

    private sealed record ChildResult(double PeakMb, double RssMb, double HeapMb, long Pairs, double Seconds);

    private static ChildResult Child(string bench, string path, bool idsFromLines = false)
    {
        var m = ChildProcess.Run("dotnet", idsFromLines ? [bench, ChildCommand, path, "--ids-from-lines"] : [bench, ChildCommand, path]);
        var line = m.Output.Split('\n').FirstOrDefault(l => l.StartsWith("peak_working_set=", StringComparison.Ordinal));
        if (m.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"{ChildCommand} {path} failed ({m.ExitCode}):\n{m.Output}");
        }

        var values = line.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        double Mb(string key) => long.Parse(values[key], CultureInfo.InvariantCulture) / 1048576.0;
        return new ChildResult(
            Mb("peak_working_set"),
            m.PeakRssKb / 1024.0,
            Mb("heap"),
            long.Parse(values["pairs"], CultureInfo.InvariantCulture),
            double.Parse(values["seconds"], CultureInfo.InvariantCulture));
    }

    private static string FilePath(string dir, int rows, string format) =>
        Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"nli_{rows}.{format}"));

    /// <summary>The distinct texts of mixed_contradictions.csv in file order, tabs and line breaks made spaces.</summary>
    private static string[] Texts() =>
        [.. CsvRows.Read(RepoPaths.TestData("mixed_contradictions.csv"))
            .Select(r => r["text"].Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' '))
            .Distinct(StringComparer.Ordinal)];

    private static (string Premise, string Hypothesis, long Label, int Idx) Row(string[] texts, int i) =>
        (texts[i % texts.Length], texts[(int)(((7L * i) + 3) % texts.Length)], i % 50 == 49 ? -1 : i % 3, i);

    private static async Task WriteAllAsync(string dir, int rows, string[] texts)
    {
        await WriteTextAsync(FilePath(dir, rows, "csv"), rows, texts, "premise,hypothesis,label,idx", r =>
            string.Create(CultureInfo.InvariantCulture, $"{Csv(r.Premise)},{Csv(r.Hypothesis)},{r.Label},{r.Idx}"));
        await WriteTextAsync(FilePath(dir, rows, "tsv"), rows, texts, "premise\thypothesis\tlabel\tidx", r =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Premise}\t{r.Hypothesis}\t{r.Label}\t{r.Idx}"));
        await WriteTextAsync(FilePath(dir, rows, "jsonl"), rows, texts, null, Json);
        await WriteTextAsync(FilePath(dir, rows, "jsonl.gz"), rows, texts, null, Json);
        await WriteParquetAsync(FilePath(dir, rows, "parquet"), rows, texts);
    }

    /// <summary>Quoted when it must be (a comma, a quote, a line break), as pandas and Hugging Face's to_csv write.</summary>
    private static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json((string Premise, string Hypothesis, long Label, int Idx) r)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("premise", r.Premise);
            json.WriteString("hypothesis", r.Hypothesis);
            json.WriteNumber("label", r.Label);
            json.WriteNumber("idx", r.Idx);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static async Task WriteTextAsync(
        string path, int rows, string[] texts, string? header, Func<(string Premise, string Hypothesis, long Label, int Idx), string> line)
    {
        if (File.Exists(path))
        {
            return;
        }

        var temporary = path + ".part";
        await using (var file = File.Create(temporary))
        await using (var compressed = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Optimal) : null)
        await using (var writer = new StreamWriter((Stream?)compressed ?? file, new UTF8Encoding(false), 1 << 20))
        {
            writer.NewLine = "\n";
            if (header is not null)
            {
                await writer.WriteLineAsync(header);
            }

            for (var i = 0; i < rows; i++)
            {
                await writer.WriteLineAsync(line(Row(texts, i)));
            }
        }

        File.Move(temporary, path);
    }

    private const string HuggingFaceMetadata =
        """{"info": {"features": {"premise": {"dtype": "string", "_type": "Value"}, "hypothesis": {"dtype": "string", "_type": "Value"}, "label": {"names": ["entailment", "neutral", "contradiction"], "_type": "ClassLabel"}, "idx": {"dtype": "int32", "_type": "Value"}}}}""";

    private static async Task WriteParquetAsync(string path, int rows, string[] texts)
    {
        if (File.Exists(path))
        {
            return;
        }

        var premise = new DataField<string>("premise");
        var hypothesis = new DataField<string>("hypothesis");
        var label = new DataField<long>("label");
        var idx = new DataField<int>("idx");
        var temporary = path + ".part";
        await using (var file = File.Create(temporary))
        await using (var writer = await ParquetWriter.CreateAsync(
            new ParquetSchema(premise, hypothesis, label, idx), file, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, false, CancellationToken.None))
        {
            writer.CustomMetadata = new Dictionary<string, string> { ["huggingface"] = HuggingFaceMetadata };
            for (var start = 0; start < rows; start += RowGroupRows)
            {
                var group = Enumerable.Range(start, Math.Min(RowGroupRows, rows - start)).Select(i => Row(texts, i)).ToArray();
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync(premise, [.. group.Select(r => (string?)r.Premise)], null);
                await rowGroup.WriteAsync(hypothesis, [.. group.Select(r => (string?)r.Hypothesis)], null);
                await rowGroup.WriteAsync<long>(label, group.Select(r => r.Label).ToArray(), null, null, CancellationToken.None);
                await rowGroup.WriteAsync<int>(idx, group.Select(r => r.Idx).ToArray(), null, null, CancellationToken.None);
                rowGroup.CompleteValidate();
            }
        }

        File.Move(temporary, path);
    }
}
