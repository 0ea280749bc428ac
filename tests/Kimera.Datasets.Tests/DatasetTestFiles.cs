using System.Text;
using Kimera.TestSupport;

namespace Kimera.Datasets.Tests;

/// <summary>Reads a dataset completely, for assertions on its pairs and summary.</summary>
internal static class DatasetTestFiles
{
    public static async Task<(List<BenchmarkPair> Pairs, DatasetSummary Summary)> ReadAllAsync(string path, DatasetReaderOptions? options = null)
    {
        await using var reader = await DatasetReader.OpenAsync(path, options);
        var pairs = new List<BenchmarkPair>();
        await foreach (var pair in reader.ReadPairsAsync())
        {
            pairs.Add(pair);
        }

        return (pairs, reader.Summary);
    }

    public static async Task<(List<BenchmarkPair> Pairs, DatasetSummary Summary)> ReadTextAsync(
        TempDirectory dir, string name, string content, DatasetReaderOptions? options = null)
    {
        var path = dir.File(name);
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return await ReadAllAsync(path, options);
    }
}
