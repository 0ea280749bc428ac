using Kimera.TestSupport;
using Parquet;

namespace Kimera.Datasets.Tests;

/// <summary>
/// A Hugging Face NLI export in Parquet (the file of <see cref="ParquetRecordSourceTests"/>: idx 0–5 with labels 2, 1, 0,
/// -1, 0, 2 and a null premise on the -1 row) read as a dataset: with the Hugging Face convention, and with ClassLabel
/// names in the file's metadata that put contradiction first, so that the names, not the convention, decide.
/// </summary>
public sealed class ParquetDatasetTests
{
    [Fact]
    public async Task Without_class_label_names_the_hugging_face_convention_decides_and_the_output_says_so()
    {
        using var dir = new TempDirectory();
        var path = dir.File("snli-test.parquet");
        await File.WriteAllBytesAsync(path, await ParquetRecordSourceTests.WriteNliAsync(CompressionMethod.Snappy, metadata: null));

        var (pairs, summary) = await DatasetTestFiles.ReadAllAsync(path);

        Assert.Equal(
            [("0", (bool?)true, "contradiction"), ("1", false, "neutral"), ("2", false, "entailment"), ("4", false, "entailment"), ("5", true, "contradiction")],
            pairs.Select(p => (p.PairId, p.Label, p.Type)));
        Assert.Equal(("row", 1L, 6L), (summary.RecordUnit, summary.NoGoldRows, summary.RowsRead));
        Assert.Equal([4L], summary.NoGoldLines);
        Assert.Equal(("parquet", "nli", "idx"), (summary.Mapping!.Format, summary.Mapping.Layout, summary.Mapping.IdColumn));
        Assert.Equal(
            "label ids read by the Hugging Face convention 0 entailment, 1 neutral, 2 contradiction (the file carries no ClassLabel names)",
            summary.Mapping.LabelNote);
    }

    [Fact]
    public async Task Class_label_names_in_the_huggingface_metadata_decide_which_id_is_contradiction()
    {
        const string Reversed = """{"info": {"features": {"label": {"names": ["contradiction", "neutral", "entailment"], "_type": "ClassLabel"}}}}""";
        using var dir = new TempDirectory();
        var path = dir.File("reversed.parquet");
        await File.WriteAllBytesAsync(
            path, await ParquetRecordSourceTests.WriteNliAsync(CompressionMethod.Zstd, new Dictionary<string, string> { ["huggingface"] = Reversed }));

        var (pairs, summary) = await DatasetTestFiles.ReadAllAsync(path);

        Assert.Equal(
            [("0", (bool?)false, "entailment"), ("1", false, "neutral"), ("2", true, "contradiction"), ("4", true, "contradiction"), ("5", false, "entailment")],
            pairs.Select(p => (p.PairId, p.Label, p.Type)));
        Assert.Equal("label ids named by the file's Hugging Face metadata: 0 contradiction, 1 neutral, 2 entailment", summary.Mapping!.LabelNote);
        Assert.Equal(["0"], summary.Mapping.PositiveLabels);
    }

    [Fact]
    public async Task Names_without_contradiction_need_positive_label()
    {
        const string Binary = """{"info": {"features": {"label": {"names": ["not_duplicate", "duplicate"], "_type": "ClassLabel"}}}}""";
        using var dir = new TempDirectory();
        var path = dir.File("qqp.parquet");
        await File.WriteAllBytesAsync(
            path, await ParquetRecordSourceTests.WriteNliAsync(CompressionMethod.Snappy, new Dictionary<string, string> { ["huggingface"] = Binary }));

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => DatasetTestFiles.ReadAllAsync(path));

        Assert.Equal("the file's label names (not_duplicate, duplicate) have no 'contradiction'; name the contradiction label with --positive-label", ex.Detail);
    }
}
