using System.Text.Json;
using System.Text.Json.Nodes;
using Kimera.Datasets.Layouts;
using Kimera.Pipeline.Artifacts;
using Kimera.Reporting.Model;

namespace Kimera.Pipeline.Tests;

/// <summary>dataset.json (and report.json's <c>dataset</c>) with how the file was read and its rows without a gold label,
/// and the files written before those fields existed, which must still read.</summary>
public sealed class DatasetReportJsonTests
{
    /// <summary>A dataset.json as runs wrote it before issue 22: no mapping, no_gold_rows, no_gold_lines or record_unit.</summary>
    private const string OldFile = """
        {
          "source": "samples/x.csv",
          "shape": "pairs",
          "columns": ["pair_id", "text1", "text2", "label", "lang", "type"],
          "rows_read": 3, "good_rows": 2, "bad_rows": 1, "pairs_built": 2, "positives": 1, "negatives": 1, "unlabelled": 0,
          "negatives_short": 0, "unpaired_texts": 0, "stopped_at_max_pairs": false,
          "row_languages": {"en": 2}, "pair_languages": {"en": 2}, "unknown_partner_ids": [],
          "problems": [{"line": 4, "id": "3", "kind": "missing_text", "reason": "text2 is empty", "row_skipped": true}]
        }
        """;

    [Fact]
    public void A_dataset_json_written_before_the_reading_fields_still_reads()
    {
        var report = JsonSerializer.Deserialize<DatasetReport>(OldFile, PipelineJson.Options)!;

        Assert.Equal((null, 0L, null, "line"), (report.Mapping, report.NoGoldRows, report.NoGoldLines, report.RecordUnit));
        Assert.Null(report.Sample);
        Assert.Equal((3L, 2L, 1L), (report.RowsRead, report.GoodRows, report.BadRows));
    }

    [Fact]
    public void The_reading_fields_are_written_in_snake_case_and_read_back()
    {
        var mapping = new DatasetMapping("jsonl", "snli", "sentence1", "sentence2", "gold_label", "pairID", ["contradiction"], "genre", null);
        var report = new DatasetReport(
            "snli.jsonl", "pairs", ["sentence1", "sentence2", "gold_label", "pairID", "genre"], 10, 9, 0, 9, 3, 6, 0, 0, 0, false,
            new Dictionary<string, long> { ["en"] = 9 }, new Dictionary<string, long> { ["en"] = 9 }, [], [], mapping, 1, [11], "line",
            new SampleReport(null, 9));

        var json = JsonSerializer.Serialize(report, PipelineJson.Options);
        var node = JsonNode.Parse(json)!;
        var read = JsonSerializer.Deserialize<DatasetReport>(json, PipelineJson.Options)!;

        Assert.Equal(1, node["no_gold_rows"]!.GetValue<long>());
        Assert.Equal("[11]", node["no_gold_lines"]!.ToJsonString());
        Assert.Equal("line", node["record_unit"]!.GetValue<string>());
        Assert.Equal(
            """{"format":"jsonl","layout":"snli","text1_column":"sentence1","text2_column":"sentence2","label_column":"gold_label","id_column":"pairID","positive_labels":["contradiction"],"slice_column":"genre","label_note":null}""",
            node["mapping"]!.ToJsonString());
        Assert.Equal(mapping.Describe(), read.Mapping!.Describe());
        Assert.Equal((1L, "line"), (read.NoGoldRows, read.RecordUnit));
        Assert.Equal([11L], read.NoGoldLines);
        // No --sample: asked is written as null, not left out, beside the pairs taken.
        Assert.Equal("""{"asked":null,"taken":9}""", node["sample"]!.ToJsonString());
        Assert.Equal(new SampleReport(null, 9), read.Sample);
    }
}
