using System.Text;
using Kimera.Datasets.Records;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using CompressionCodec = Parquet.Meta.CompressionCodec;
using ParquetEncoding = Parquet.Meta.Encoding;

namespace Kimera.Datasets.Tests;

/// <summary>
/// Parquet files written here with Parquet.Net's own writer, shaped like a Hugging Face NLI export (premise, hypothesis,
/// int64 label with -1 for no gold label, int32 idx) in three row groups of uneven sizes.
/// </summary>
public sealed class ParquetRecordSourceTests
{
    private const string FileName = "snli-test.parquet";

    private const string HuggingFaceMetadata =
        """
        {"info": {"features": {"premise": {"dtype": "string", "_type": "Value"}, "hypothesis": {"dtype": "string", "_type": "Value"},
        "label": {"names": ["entailment", "neutral", "contradiction"], "_type": "ClassLabel"}, "idx": {"dtype": "int32", "_type": "Value"}}}}
        """;

    private static readonly DataField<string> Premise = new("premise");
    private static readonly DataField<string> Hypothesis = new("hypothesis");
    private static readonly DataField<long> Label = new("label");
    private static readonly DataField<int> Idx = new("idx");

    /// <summary>The rows, as (premise, hypothesis, label, idx), by row group: 3, 1 and 2 rows.</summary>
    private static readonly (string? Premise, string Hypothesis, long Label, int Idx)[][] Groups =
    [
        [
            ("A man inspects the uniform of a figure.", "The man is sleeping.", 2, 0),
            ("Two women are embracing.", "Two women are holding packages.", 1, 1),
            ("Une femme, \"souriante\", lit.", "A woman reads, smiling.", 0, 2),
        ],
        [
            (null, "Nobody is there.", -1, 3),
        ],
        [
            ("Children smiling and waving at camera", "There are children present", 0, 4),
            ("A boy is jumping on skateboard.", "المدرسة مغلقة", 2, 5),
        ],
    ];

    private static readonly string[][] ExpectedRows =
    [
        ["A man inspects the uniform of a figure.", "The man is sleeping.", "2", "0"],
        ["Two women are embracing.", "Two women are holding packages.", "1", "1"],
        ["Une femme, \"souriante\", lit.", "A woman reads, smiling.", "0", "2"],
        ["", "Nobody is there.", "-1", "3"],
        ["Children smiling and waving at camera", "There are children present", "0", "4"],
        ["A boy is jumping on skateboard.", "المدرسة مغلقة", "2", "5"],
    ];

    [Fact]
    public async Task The_header_is_the_columns_in_schema_order_and_the_rows_are_numbered_across_row_groups()
    {
        var bytes = await WriteNliAsync(CompressionMethod.Snappy, metadata: null);

        await using var source = await ParquetRecordSource.OpenAsync(new MemoryStream(bytes), FileName, CancellationToken.None);
        var header = await source.ReadHeaderAsync(CancellationToken.None);
        var rows = await ReadAllAsync(source);

        Assert.Equal(["premise", "hypothesis", "label", "idx"], header);
        Assert.Equal("row", source.RecordUnit);
        Assert.Equal(string.Empty, source.FieldCountHint);
        Assert.Equal([1L, 2, 3, 4, 5, 6], rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Equal(1, r.LineCount));
        Assert.All(rows, r => Assert.Null(r.Malformed));
        Assert.All(rows, r => Assert.Null(r.Unreadable));
        Assert.Equal(ExpectedRows, rows.Select(r => r.Fields));
    }

    [Fact]
    public async Task The_test_file_really_has_three_row_groups_of_uneven_sizes()
    {
        var bytes = await WriteNliAsync(CompressionMethod.Snappy, metadata: null);

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes), null, false, CancellationToken.None);

        Assert.Equal([3L, 1, 2], reader.RowGroups.Select(g => g.RowCount));
    }

    [Theory]
    [InlineData(CompressionMethod.Snappy, CompressionCodec.SNAPPY)]
    [InlineData(CompressionMethod.Zstd, CompressionCodec.ZSTD)]
    [InlineData(CompressionMethod.Gzip, CompressionCodec.GZIP)]
    [InlineData(CompressionMethod.None, CompressionCodec.UNCOMPRESSED)]
    public async Task Files_compressed_as_Hugging_Face_exports_are_read_alike(CompressionMethod method, CompressionCodec codec)
    {
        var bytes = await WriteNliAsync(method, metadata: null);
        await using (var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes), null, false, CancellationToken.None))
        {
            Assert.All(
                reader.RowGroups.SelectMany(g => reader.Schema.DataFields.Select(g.GetMetadata)),
                chunk => Assert.Equal(codec, chunk?.MetaData?.Codec));
        }

        await using var source = await ParquetRecordSource.OpenAsync(new MemoryStream(bytes), FileName, CancellationToken.None);
        var rows = await ReadAllAsync(source);

        Assert.Equal(ExpectedRows, rows.Select(r => r.Fields));
    }

    [Fact]
    public async Task The_huggingface_metadata_gives_the_class_label_names_of_the_label_column()
    {
        var bytes = await WriteNliAsync(CompressionMethod.Snappy, new Dictionary<string, string> { ["huggingface"] = HuggingFaceMetadata });

        await using var source = await ParquetRecordSource.OpenAsync(new MemoryStream(bytes), FileName, CancellationToken.None);

        Assert.Equal(["entailment", "neutral", "contradiction"], source.ClassLabelNames("label"));
        Assert.Null(source.ClassLabelNames("premise"));
        Assert.Null(source.ClassLabelNames("idx"));
        Assert.Null(source.ClassLabelNames("gold_label"));
        Assert.Equal(ExpectedRows, (await ReadAllAsync(source)).Select(r => r.Fields));
    }

    [Fact]
    public async Task Without_huggingface_metadata_there_are_no_class_label_names()
    {
        var bytes = await WriteNliAsync(CompressionMethod.Snappy, new Dictionary<string, string> { ["writer"] = "tests" });

        await using var source = await ParquetRecordSource.OpenAsync(new MemoryStream(bytes), FileName, CancellationToken.None);

        Assert.Null(source.ClassLabelNames("label"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"info": {}}""")]
    [InlineData("""{"info": {"features": []}}""")]
    [InlineData("""{"info": {"features": {"label": {"_type": "ClassLabel"}}}}""")]
    [InlineData("""{"info": {"features": {"label": {"names": ["a", 1], "_type": "ClassLabel"}}}}""")]
    [InlineData("""{"info": {"features": {"label": {"names": ["a", "b"], "_type": "Value"}}}}""")]
    public async Task Incomplete_huggingface_metadata_gives_no_class_label_names(string json)
    {
        var bytes = await WriteNliAsync(CompressionMethod.Snappy, new Dictionary<string, string> { ["huggingface"] = json });

        await using var source = await ParquetRecordSource.OpenAsync(new MemoryStream(bytes), FileName, CancellationToken.None);

        Assert.Null(source.ClassLabelNames("label"));
    }

    [Fact]
    public async Task A_forward_only_stream_gives_the_same_rows_and_metadata()
    {
        var bytes = await WriteNliAsync(CompressionMethod.Snappy, new Dictionary<string, string> { ["huggingface"] = HuggingFaceMetadata });

        var before = TemporaryCopies();

        var source = await ParquetRecordSource.OpenAsync(new ForwardOnlyStream(bytes, chunk: 100), FileName, CancellationToken.None);
        var copies = TemporaryCopies().Except(before).ToList();
        var header = await source.ReadHeaderAsync(CancellationToken.None);
        var rows = await ReadAllAsync(source);
        var names = source.ClassLabelNames("label");
        await source.DisposeAsync();

        Assert.Equal(["premise", "hypothesis", "label", "idx"], header);
        Assert.Equal([1L, 2, 3, 4, 5, 6], rows.Select(r => r.Line));
        Assert.Equal(ExpectedRows, rows.Select(r => r.Fields));
        Assert.Equal(["entailment", "neutral", "contradiction"], names);
        var copy = Assert.Single(copies);
        Assert.False(File.Exists(copy));
    }

    [Fact]
    public async Task A_truncated_file_is_not_a_readable_parquet_file()
    {
        var bytes = await WriteNliAsync(CompressionMethod.Snappy, metadata: null);

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(
            () => ParquetRecordSource.OpenAsync(new MemoryStream(bytes[..(bytes.Length / 2)]), FileName, CancellationToken.None));

        Assert.StartsWith($"{FileName}: is not a readable Parquet file: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_that_is_not_parquet_fails_naming_the_file(bool forwardOnly)
    {
        var bytes = Encoding.UTF8.GetBytes("premise,hypothesis,label\nA man sleeps.,Nobody sleeps.,2\n");
        Stream stream = forwardOnly ? new ForwardOnlyStream(bytes, chunk: 7) : new MemoryStream(bytes);

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => ParquetRecordSource.OpenAsync(stream, FileName, CancellationToken.None));

        Assert.Equal(FileName, ex.FileName);
        Assert.Equal(0, ex.Line);
        Assert.StartsWith("is not a readable Parquet file: ", ex.Detail, StringComparison.Ordinal);
        Assert.StartsWith($"{FileName}: is not a readable Parquet file: ", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public async Task An_empty_stream_is_not_a_readable_parquet_file()
    {
        var ex = await Assert.ThrowsAsync<DatasetFormatException>(
            () => ParquetRecordSource.OpenAsync(new MemoryStream(), FileName, CancellationToken.None));

        Assert.StartsWith($"{FileName}: is not a readable Parquet file: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnly_column_0_reads_only_that_column()
    {
        var bytes = await WriteNliAsync(CompressionMethod.Snappy, metadata: null);

        await using var source = await ParquetRecordSource.OpenAsync(new MemoryStream(bytes), FileName, CancellationToken.None);
        await source.ReadHeaderAsync(CancellationToken.None);
        source.ReadOnly(new HashSet<int> { 0 });
        var rows = await ReadAllAsync(source);

        Assert.Equal([1L, 2, 3, 4, 5, 6], rows.Select(r => r.Line));
        Assert.Equal(ExpectedRows.Select(r => new[] { r[0], "", "", "" }), rows.Select(r => r.Fields));
    }

    [Fact]
    public async Task ReadOnly_label_and_idx_reads_the_numbers_only()
    {
        var bytes = await WriteNliAsync(CompressionMethod.Zstd, metadata: null);

        await using var source = await ParquetRecordSource.OpenAsync(new MemoryStream(bytes), FileName, CancellationToken.None);
        source.ReadOnly(new HashSet<int> { 2, 3 });
        var rows = await ReadAllAsync(source);

        Assert.Equal(ExpectedRows.Select(r => new[] { "", "", r[2], r[3] }), rows.Select(r => r.Fields));
    }

    [Fact]
    public async Task Booleans_floating_point_and_required_columns_read_as_invariant_text()
    {
        var flag = new DataField<bool?>("flag");
        var score = new DataField<double>("score");
        var weight = new DataField<float?>("weight");
        var count = new DataField<int>("count");
        var when = new DataField<DateTime>("when");
        using var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(flag, score, weight, count, when), output, null, false, CancellationToken.None))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<bool>(flag, new bool?[] { true, false, null }, null, null, CancellationToken.None);
            await group.WriteAsync<double>(score, new[] { 0.1, -2.5e-10, 1.0 / 3 }, null, null, CancellationToken.None);
            await group.WriteAsync<float>(weight, new float?[] { 0.1f, null, -3f }, null, null, CancellationToken.None);
            await group.WriteAsync<int>(count, new[] { -1, 0, int.MaxValue }, null, null, CancellationToken.None);
            await group.WriteAsync<DateTime>(
                when,
                new[] { new DateTime(2026, 12, 6, 14, 30, 5, DateTimeKind.Utc), new DateTime(2000, 1, 2, 0, 0, 0, DateTimeKind.Utc), DateTime.UnixEpoch },
                null,
                null,
                CancellationToken.None);
            group.CompleteValidate();
        }

        await using var source = await ParquetRecordSource.OpenAsync(new MemoryStream(output.ToArray()), FileName, CancellationToken.None);
        var rows = await ReadAllAsync(source);

        Assert.Equal(["flag", "score", "weight", "count", "when"], await source.ReadHeaderAsync(CancellationToken.None));
        Assert.Equal(
            [
                ["true", "0.1", "0.1", "-1", "12/06/2026 14:30:05"],
                ["false", "-2.5E-10", "", "0", "01/02/2000 00:00:00"],
                ["", "0.3333333333333333", "-3", "2147483647", "01/01/1970 00:00:00"],
            ],
            rows.Select(r => r.Fields));
    }

    [Fact]
    public async Task A_binary_column_is_read_as_base64()
    {
        var blob = new DataField<byte[]>("blob");
        using var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(blob), output, null, false, CancellationToken.None))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(blob, new byte[]?[] { [1, 2, 255], null, [] }, null);
            group.CompleteValidate();
        }

        await using var source = await ParquetRecordSource.OpenAsync(new MemoryStream(output.ToArray()), FileName, CancellationToken.None);
        var rows = await ReadAllAsync(source);

        // Convert.ToBase64String([1, 2, 255]) = "AQL/".
        Assert.Equal([["AQL/"], [""], [""]], rows.Select(r => r.Fields));
    }

    [Fact]
    public async Task Dictionary_encoded_strings_as_pyarrow_writes_them_are_read_as_their_values()
    {
        var genre = new DataField<string>("genre");
        string[] genres = ["fiction", "government", "slate"];
        var values = Enumerable.Range(0, 300).Select(i => genres[i % 3]).ToArray();
        var options = new ParquetOptions();
        options.ColumnEncodingHints[genre.Path.ToString()] = EncodingHint.Dictionary;
        using var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(genre), output, options, false, CancellationToken.None))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(genre, values, null);
            group.CompleteValidate();
        }

        await using (var reader = await ParquetReader.CreateAsync(new MemoryStream(output.ToArray()), null, false, CancellationToken.None))
        {
            Assert.Contains(ParquetEncoding.PLAIN_DICTIONARY, reader.RowGroups[0].GetMetadata(genre)?.MetaData?.Encodings ?? []);
        }

        await using var source = await ParquetRecordSource.OpenAsync(new MemoryStream(output.ToArray()), FileName, CancellationToken.None);
        var rows = await ReadAllAsync(source);

        Assert.Equal(values, rows.Select(r => Assert.Single(r.Fields)));
        Assert.Equal(300, rows[^1].Line);
    }

    [Fact]
    public async Task Nested_columns_are_left_out_of_the_header()
    {
        NestedRow[] written =
        [
            new() { Premise = "a", Meta = new() { Annotator = 7 }, Tags = ["x", "y"], Label = 0 },
            new() { Premise = "b", Meta = new() { Annotator = 8 }, Tags = [], Label = 2 },
        ];
        using var output = new MemoryStream();
        await ParquetSerializer.SerializeAsync(written, output, null, null, CancellationToken.None);

        await using var source = await ParquetRecordSource.OpenAsync(new MemoryStream(output.ToArray()), FileName, CancellationToken.None);
        var header = await source.ReadHeaderAsync(CancellationToken.None);
        var rows = await ReadAllAsync(source);

        Assert.Equal(["Premise", "Label"], header);
        Assert.Equal([["a", "0"], ["b", "2"]], rows.Select(r => r.Fields));
    }

    /// <summary>The NLI file: one row group per entry of <see cref="Groups"/>, written with <paramref name="compression"/>.</summary>
    internal static async Task<byte[]> WriteNliAsync(CompressionMethod compression, Dictionary<string, string>? metadata)
    {
        using var output = new MemoryStream();
        var options = new ParquetOptions { CompressionMethod = compression };
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(Premise, Hypothesis, Label, Idx), output, options, false, CancellationToken.None))
        {
            if (metadata is not null)
            {
                writer.CustomMetadata = metadata;
            }

            foreach (var rows in Groups)
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(Premise, [.. rows.Select(r => r.Premise)], null);
                await group.WriteAsync(Hypothesis, [.. rows.Select(r => r.Hypothesis)], null);
                await group.WriteAsync<long>(Label, rows.Select(r => r.Label).ToArray(), null, null, CancellationToken.None);
                await group.WriteAsync<int>(Idx, rows.Select(r => r.Idx).ToArray(), null, null, CancellationToken.None);
                group.CompleteValidate();
            }
        }

        return output.ToArray();
    }

    private static string[] TemporaryCopies() => Directory.GetFiles(Path.GetTempPath(), "kimera-*.parquet");

    private static async Task<List<DatasetRow>> ReadAllAsync(ParquetRecordSource source)
    {
        var rows = new List<DatasetRow>();
        await foreach (var row in source.ReadAsync(CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    private sealed class NestedRow
    {
        public string? Premise { get; set; }

        public NestedMeta Meta { get; set; } = new();

        public List<string> Tags { get; set; } = [];

        public long Label { get; set; }
    }

    private sealed class NestedMeta
    {
        public int Annotator { get; set; }
    }

    /// <summary>A blob download: readable once, in small chunks, without Length or Seek.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(chunk, buffer.Length), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
