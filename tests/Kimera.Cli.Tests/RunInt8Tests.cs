using System.Text.Json;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera run --precision int8</c> in its own process: determinism, the report, bad values and the shared cache.</summary>
[Trait("Category", "Process")]
public sealed class RunInt8Tests : IDisposable
{
    private readonly TempDirectory _temp = new();

    /// <summary>No key (the LLM judge is skipped) and the derived int8 model in this test's own folder, derived once per test.</summary>
    private Dictionary<string, string?> Environment => new() { ["OPENAI_API_KEY"] = null, ["XDG_CACHE_HOME"] = _temp.File("xdg") };

    [Fact]
    public async Task Int8_pairs_csv_is_byte_identical_for_chunk_sizes_7_and_1000_and_parallelism_1_and_2()
    {
        var dataset = RepoPaths.Samples("mixed_5k.csv");
        string[] common = ["--precision", "int8", "--max-pairs", "200", "--judges", "kimera", "--no-cache", "--bootstrap", "0"];
        (int Chunk, int Parallelism)[] runs = [(7, 1), (7, 2), (1000, 1), (1000, 2)];
        foreach (var (chunk, parallelism) in runs)
        {
            var run = await KimeraProcess.RunAsync(
                Environment,
                ["run", dataset, "--out", _temp.File($"c{chunk}-p{parallelism}"), "--chunk-size", $"{chunk}", "--parallelism", $"{parallelism}", .. common]);
            Assert.True(run.ExitCode == 0, run.Error);
        }

        var reference = await File.ReadAllBytesAsync(_temp.File("c7-p1/pairs.csv"));
        Assert.Equal(200, CsvRows.Read(_temp.File("c7-p1/pairs.csv")).Count);
        foreach (var (chunk, parallelism) in runs.Skip(1))
        {
            var other = await File.ReadAllBytesAsync(_temp.File($"c{chunk}-p{parallelism}/pairs.csv"));
            Assert.True(
                reference.SequenceEqual(other),
                $"pairs.csv of chunk size {chunk}, parallelism {parallelism} differs from chunk size 7, parallelism 1");
        }

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("c1000-p2/report.json")));
        var info = report.RootElement.GetProperty("run");
        Assert.Equal("int8", info.GetProperty("embedding_precision").GetString());
        Assert.StartsWith("sentence-transformers/all-MiniLM-L6-v2@int8-", info.GetProperty("embedding_model").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int4")]
    [InlineData("fp16")]
    public async Task Bad_precision_exits_2_naming_the_option_and_the_choices(string value)
    {
        var (exit, _, error) = await KimeraProcess.RunAsync(
            Environment, "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache", "--precision", value);

        Assert.Equal(2, exit);
        Assert.Contains($"--precision: '{value}' is not a precision; use fp32 or int8.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("run/pairs.csv")));
    }

    [Fact]
    public async Task Bad_int8_weights_from_the_option_or_the_environment_exit_2_naming_where_and_the_choices()
    {
        var option = await KimeraProcess.RunAsync(
            Environment, "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("option"), "--no-cache", "--precision", "int8", "--int8-weights", "int4");
        var environment = new Dictionary<string, string?>(Environment) { ["KIMERA_INT8_WEIGHTS"] = "s8" };
        var variable = await KimeraProcess.RunAsync(
            environment, "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("variable"), "--no-cache", "--precision", "int8");

        Assert.Equal(2, option.ExitCode);
        Assert.Contains("--int8-weights: 'int4' is not a weight setting; use auto, signed or unsigned.", option.Error, StringComparison.Ordinal);
        Assert.Equal(2, variable.ExitCode);
        Assert.Contains("KIMERA_INT8_WEIGHTS: 's8' is not a weight setting; use auto, signed or unsigned.", variable.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("option/pairs.csv")));
        Assert.False(File.Exists(_temp.File("variable/pairs.csv")));
    }

    [Fact]
    public async Task Int8_run_sharing_a_cache_with_an_fp32_run_reads_none_of_its_vectors()
    {
        var dataset = RepoPaths.TestData("mixed_quick.csv");
        string[] common = ["--judges", "kimera", "--cache", _temp.File("cache.db"), "--bootstrap", "0"];

        var fp32 = await KimeraProcess.RunAsync(Environment, ["run", dataset, "--out", _temp.File("fp32"), "--precision", "fp32", .. common]);
        var int8 = await KimeraProcess.RunAsync(Environment, ["run", dataset, "--out", _temp.File("int8"), "--precision", "int8", .. common]);
        var int8Again = await KimeraProcess.RunAsync(Environment, ["run", dataset, "--out", _temp.File("int8-again"), "--precision", "int8", .. common]);
        Assert.True(fp32.ExitCode == 0, fp32.Error);
        Assert.True(int8.ExitCode == 0, int8.Error);
        Assert.True(int8Again.ExitCode == 0, int8Again.Error);

        var (fp32Precision, fp32Hits, fp32Misses) = ReadRun("fp32");
        var (int8Precision, int8Hits, int8Misses) = ReadRun("int8");
        var (_, againHits, againMisses) = ReadRun("int8-again");

        // mixed_quick.csv: 20 pairs; every text is a miss the first time for each precision, and the int8 run finds
        // none of the fp32 vectors although the texts are the same; the second int8 run finds all of its own.
        Assert.Equal("fp32", fp32Precision);
        Assert.Equal("int8", int8Precision);
        Assert.Equal(0, fp32Hits);
        Assert.True(fp32Misses > 0);
        Assert.Equal(0, int8Hits);
        Assert.Equal(fp32Misses, int8Misses);
        Assert.Equal(int8Misses, againHits);
        Assert.Equal(0, againMisses);
        var fp32Pairs = await File.ReadAllBytesAsync(_temp.File("fp32/pairs.csv"));
        var int8Pairs = await File.ReadAllBytesAsync(_temp.File("int8/pairs.csv"));
        Assert.False(
            fp32Pairs.SequenceEqual(int8Pairs),
            "the int8 pairs.csv equals the fp32 one byte for byte: its scores would then come from fp32 vectors");
    }

    private (string? Precision, long Hits, long Misses) ReadRun(string folder)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(_temp.File($"{folder}/report.json")));
        var embeddings = report.RootElement.GetProperty("caches").GetProperty("embeddings");
        return (
            report.RootElement.GetProperty("run").GetProperty("embedding_precision").GetString(),
            embeddings.GetProperty("hits").GetInt64(),
            embeddings.GetProperty("misses").GetInt64());
    }

    public void Dispose() => _temp.Dispose();
}
