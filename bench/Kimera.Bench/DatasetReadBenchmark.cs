using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kimera.Datasets;
using Kimera.TestSupport;

namespace Kimera.Bench;

/// <summary>
/// Plan-stage reading of 1,000,000 rows built from mixed_contradictions.csv, as pairs and as geoids:
/// pairs per second and peak working set. Usage: <c>datasets [rows]</c>.
/// </summary>
internal static class DatasetReadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var source = RepoPaths.TestData("mixed_contradictions.csv");
        var texts = new List<(string Lang, string Text)>();
        await using (var reader = await DatasetReader.OpenAsync(source))
        {
            await foreach (var pair in reader.ReadPairsAsync())
            {
                texts.Add((pair.Lang1, pair.Text1));
                texts.Add((pair.Lang2, pair.Text2));
            }
        }

        var dir = Path.Combine(Path.GetTempPath(), "kimera-bench-datasets");
        Directory.CreateDirectory(dir);
        var pairsPath = Path.Combine(dir, $"pairs_{rows}.csv");
        var geoidsPath = Path.Combine(dir, $"geoids_{rows}.csv");
        await WriteAsync(pairsPath, "pair_id,text1,text2,label,lang,type", rows, i =>
        {
            var a = texts[i % texts.Count];
            var b = texts[(i * 7 + 3) % texts.Count];
            return $"{i},{Quote(a.Text)},{Quote(b.Text)},{(i % 2 == 0 ? "True" : "False")},{a.Lang},x";
        });
        await WriteAsync(geoidsPath, "id,lang,text,label_contradict_id", rows, i =>
        {
            var t = texts[i % texts.Count];
            var partner = i % 2 == 0 ? i + 1 : i - 1;
            return $"g{i},{t.Lang},{Quote(t.Text + " #" + i.ToString(CultureInfo.InvariantCulture))},g{partner}";
        });
        texts = null;
        GC.Collect();

        foreach (var (name, path) in new[] { ("pairs", pairsPath), ("geoids", geoidsPath) })
        {
            using var process = Process.GetCurrentProcess();
            GC.Collect();
            process.Refresh();
            var before = process.WorkingSet64;
            var peak = before;
            var stopwatch = Stopwatch.StartNew();
            long count = 0;
            await using (var reader = await DatasetReader.OpenAsync(path))
            {
                await foreach (var pair in reader.ReadPairsAsync())
                {
                    if (++count % 50_000 == 0)
                    {
                        process.Refresh();
                        peak = Math.Max(peak, process.WorkingSet64);
                    }
                }

                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {rows:N0} rows, {count:N0} pairs in {stopwatch.Elapsed.TotalSeconds:F2} s = {count / stopwatch.Elapsed.TotalSeconds:N0} pairs/s; " +
                    $"working set before {before / 1048576.0:F0} MB, peak sampled {peak / 1048576.0:F0} MB; file {new FileInfo(path).Length / 1048576.0:F0} MB; problems {reader.Summary.Problems.Count}"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB"));
        return 0;
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task WriteAsync(string path, string header, int rows, Func<int, string> row)
    {
        if (File.Exists(path))
        {
            return;
        }

        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteLineAsync(header);
        for (var i = 0; i < rows; i++)
        {
            await writer.WriteLineAsync(row(i));
        }
    }
}
