using System.Text;
using System.Text.Json.Nodes;
using Kimera.Functions.Tests.Support;
using Kimera.Functions.Triggers;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.DurableTask.Client;

namespace Kimera.Functions.Tests;

/// <summary>Benchmark files as published, from a blob (issue 22): <c>POST /api/runs</c> and the blob trigger on a JSON Lines
/// dataset, the body's reading options, and blobs of no dataset format left alone by the trigger.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class PublishedFormatsTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Uri BaseUri = new("https://kimera.example/");

    /// <summary>SNLI-style JSON Lines: 7 rows, the 4th with gold label '-' (not planned), so 6 pairs, 3 of them contradictions.</summary>
    private const string Snli = """
        {"gold_label": "neutral", "pairID": "s1n", "sentence1": "A choir sings at a church.", "sentence2": "The church has cracks in the ceiling."}
        {"gold_label": "entailment", "pairID": "s1e", "sentence1": "A choir sings at a church.", "sentence2": "The church is filled with song."}
        {"gold_label": "contradiction", "pairID": "s1c", "sentence1": "A choir sings at a church.", "sentence2": "A choir sings at a baseball game."}
        {"gold_label": "-", "pairID": "s2n", "sentence1": "An old man poses in front of an advertisement.", "sentence2": "A man poses in front of an ad for beer."}
        {"gold_label": "entailment", "pairID": "s2e", "sentence1": "An old man poses in front of an advertisement.", "sentence2": "A man poses in front of an ad."}
        {"gold_label": "contradiction", "pairID": "s2c", "sentence1": "An old man poses in front of an advertisement.", "sentence2": "A man walks by an ad."}
        {"gold_label": "contradiction", "pairID": "s3c", "sentence1": "A statue nobody looks at.", "sentence2": "Crowds gather around the statue."}

        """;

    [Fact]
    public async Task Http_start_on_a_json_lines_blob_runs_the_gold_labelled_pairs_to_completion()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        await UploadAsync(app, "snli_1.0_dev.jsonl", Snli);

        var started = await app.Api.StartAsync(Body("""{"dataset": "snli_1.0_dev.jsonl"}"""), BaseUri, app.Client);

        Assert.True(started.StatusCode == 202, started.Body);
        var id = JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();
        var done = await app.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<RunResult>()!;
        // 6 pairs in chunks of 5 (the harness's Kimera:Run:ChunkSize): 2 chunks.
        Assert.Equal(("snli_1.0_dev.jsonl", 6, 6L, 2, 0L), (result.Dataset, result.Pairs, result.Labelled, result.Chunks, result.BadRows));
        var rows = CsvRows.Parse((await app.ReadArtifactAsync(id, RunArtifacts.Pairs))!);
        Assert.Equal(
            [("s1n", "false", "neutral"), ("s1e", "false", "entailment"), ("s1c", "true", "contradiction"), ("s2e", "false", "entailment"), ("s2c", "true", "contradiction"), ("s3c", "true", "contradiction")],
            rows.Select(r => (r["pair_id"], r["label"], r["type"])));
        var dataset = JsonNode.Parse((await app.ReadArtifactAsync(id, RunArtifacts.Dataset))!)!;
        Assert.Equal((1, "[4]", "jsonl", "snli"), (dataset["no_gold_rows"]!.GetValue<int>(), dataset["no_gold_lines"]!.ToJsonString(), dataset["mapping"]!["format"]!.GetValue<string>(), dataset["mapping"]!["layout"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Http_start_reads_any_columns_named_in_the_body()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        // A .txt name that holds JSON Lines: the body's format says so; the columns and the contradiction value are the body's too.
        await UploadAsync(app, "claims.txt", """
            {"uid": "a1", "context": "The sky is blue.", "statement": "The sky is green.", "verdict": "false"}
            {"uid": "a2", "context": "Water boils at 100 C.", "statement": "Water boils.", "verdict": "true"}
            {"uid": "a3", "context": "Cats purr.", "statement": "Cats bark.", "verdict": "false"}

            """);

        var started = await app.Api.StartAsync(
            Body("""
                {"dataset": "claims.txt", "format": "jsonl", "text1Column": "context", "text2Column": "statement", "labelColumn": "verdict",
                 "idColumn": "uid", "positiveLabels": ["false"]}
                """),
            BaseUri,
            app.Client);

        Assert.True(started.StatusCode == 202, started.Body);
        var id = JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.WaitAsync(id)).RuntimeStatus);
        var rows = CsvRows.Parse((await app.ReadArtifactAsync(id, RunArtifacts.Pairs))!);
        Assert.Equal([("a1", "true"), ("a2", "false"), ("a3", "true")], rows.Select(r => (r["pair_id"], r["label"])));
        var dataset = JsonNode.Parse((await app.ReadArtifactAsync(id, RunArtifacts.Dataset))!)!;
        Assert.Equal(("jsonl", "mapped"), (dataset["mapping"]!["format"]!.GetValue<string>(), dataset["mapping"]!["layout"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Http_start_with_a_bad_format_is_a_400_naming_the_field()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);

        var response = await app.Api.StartAsync(Body("""{"dataset": "mixed_quick.csv", "format": "xlsx"}"""), BaseUri, app.Client);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("format must be one of csv, tsv, jsonl, parquet (got 'xlsx').", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_blob_trigger_starts_a_run_for_a_json_lines_name_and_leaves_other_names_alone()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        var function = new DatasetBlobFunction(app.Starter);
        var etag = await UploadAsync(app, "snli_1.0_dev.jsonl", Snli);
        await UploadAsync(app, "README.md", "# datasets\n");
        await UploadAsync(app, "snli_1.0.zip", "PK");

        await function.RunAsync(app.DatasetsContainer.GetBlobClient("README.md"), "README.md", app.Client, CancellationToken.None);
        await function.RunAsync(app.DatasetsContainer.GetBlobClient("snli_1.0.zip"), "snli_1.0.zip", app.Client, CancellationToken.None);
        await function.RunAsync(app.DatasetsContainer.GetBlobClient("snli_1.0_dev.jsonl"), "snli_1.0_dev.jsonl", app.Client, CancellationToken.None);

        var id = DatasetRunStarter.InstanceIdFor("snli_1.0_dev.jsonl", etag);
        var done = await app.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(("snli_1.0_dev.jsonl", 6, 2), (done.ReadOutputAs<RunResult>()!.Dataset, done.ReadOutputAs<RunResult>()!.Pairs, done.ReadOutputAs<RunResult>()!.Chunks));
        var instances = new List<string>();
        await foreach (var instance in app.Client.GetAllInstancesAsync())
        {
            instances.Add(instance.InstanceId);
        }

        // The README and the zip started nothing: the one run is the JSON Lines file's.
        Assert.Equal([id], instances);
        Assert.Null(await app.Starter.StartAsync("README.md", "\"0x1\"", app.Client));
    }

    [Fact]
    public async Task Http_start_and_the_blob_trigger_read_a_hugging_face_parquet_blob_with_its_class_label_names()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        // ClassLabel names with contradiction first: id 0 is contradiction here, not 2 as by the Hugging Face convention.
        var names = """{"info": {"features": {"label": {"names": ["contradiction", "neutral", "entailment"], "_type": "ClassLabel"}}}}""";
        var withNames = await UploadAsync(app, "hf-test-00000-of-00001.parquet", await ParquetAsync(names));
        await UploadAsync(app, "hf-plain.parquet", await ParquetAsync(metadata: null));

        var started = await app.Api.StartAsync(Body("""{"dataset": "hf-plain.parquet"}"""), BaseUri, app.Client);
        Assert.True(started.StatusCode == 202, started.Body);
        var plain = JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();
        await new DatasetBlobFunction(app.Starter).RunAsync(
            app.DatasetsContainer.GetBlobClient("hf-test-00000-of-00001.parquet"), "hf-test-00000-of-00001.parquet", app.Client, CancellationToken.None);
        var named = DatasetRunStarter.InstanceIdFor("hf-test-00000-of-00001.parquet", withNames);

        // Rows (two row groups): labels 0, 2, -1 | 1, 2, 0; the -1 row has no gold label. Ids come from the row numbers.
        foreach (var (id, expected) in new[]
        {
            (plain, new[] { ("row1", "false", "entailment"), ("row2", "true", "contradiction"), ("row4", "false", "neutral"), ("row5", "true", "contradiction"), ("row6", "false", "entailment") }),
            (named, new[] { ("row1", "true", "contradiction"), ("row2", "false", "entailment"), ("row4", "false", "neutral"), ("row5", "false", "entailment"), ("row6", "true", "contradiction") }),
        })
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.WaitAsync(id)).RuntimeStatus);
            var rows = CsvRows.Parse((await app.ReadArtifactAsync(id, RunArtifacts.Pairs))!);
            Assert.Equal(expected, rows.Select(r => (r["pair_id"], r["label"], r["type"])));
            var dataset = JsonNode.Parse((await app.ReadArtifactAsync(id, RunArtifacts.Dataset))!)!;
            Assert.Equal((1, "[3]", "row", "parquet"), (dataset["no_gold_rows"]!.GetValue<int>(), dataset["no_gold_lines"]!.ToJsonString(), dataset["record_unit"]!.GetValue<string>(), dataset["mapping"]!["format"]!.GetValue<string>()));
        }
    }

    /// <summary>A Hugging Face style NLI export: premise, hypothesis, label (int64), two row groups of three rows, snappy.</summary>
    private static async Task<byte[]> ParquetAsync(string? metadata)
    {
        var premise = new Parquet.Schema.DataField<string>("premise");
        var hypothesis = new Parquet.Schema.DataField<string>("hypothesis");
        var label = new Parquet.Schema.DataField<long>("label");
        long[][] labels = [[0, 2, -1], [1, 2, 0]];
        using var output = new MemoryStream();
        await using (var writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(premise, hypothesis, label), output, null, false, CancellationToken.None))
        {
            if (metadata is not null)
            {
                writer.CustomMetadata = new Dictionary<string, string> { ["huggingface"] = metadata };
            }

            for (var g = 0; g < labels.Length; g++)
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(premise, [.. labels[g].Select((_, i) => (string?)$"A choir sings at church {g}{i}.")], null);
                await group.WriteAsync(hypothesis, [.. labels[g].Select((_, i) => (string?)$"The choir is silent {g}{i}.")], null);
                await group.WriteAsync<long>(label, labels[g], null, null, CancellationToken.None);
                group.CompleteValidate();
            }
        }

        return output.ToArray();
    }

    private static async Task<string> UploadAsync(FunctionsHarness app, string name, byte[] content) =>
        (await app.DatasetsContainer.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content))).Value.ETag.ToString();

    private static async Task<string> UploadAsync(FunctionsHarness app, string name, string content) =>
        (await app.DatasetsContainer.GetBlobClient(name).UploadAsync(BinaryData.FromString(content))).Value.ETag.ToString();

    private static MemoryStream Body(string text) => new(Encoding.UTF8.GetBytes(text));
}
