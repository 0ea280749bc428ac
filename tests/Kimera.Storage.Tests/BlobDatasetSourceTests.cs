using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Kimera.Datasets;
using Kimera.Storage.AzureBlobs;
using Kimera.TestSupport.Azurite;

namespace Kimera.Storage.Tests;

/// <summary>Runs alone (after the parallel classes), so the managed-heap figures of the 100 MB test are this test's own.</summary>
[CollectionDefinition(nameof(LargeBlobCollection), DisableParallelization = true)]
public sealed class LargeBlobCollection : ICollectionFixture<AzuriteFixture>;

[Collection(nameof(LargeBlobCollection))]
[Trait("Category", "Azurite")]
public sealed class BlobDatasetSourceTests(AzuriteFixture azurite)
{
    private const long TargetBytes = 100L * 1024 * 1024;

    // A whole-file buffer would hold at least 100 MB (200 MB as .NET strings) at every checkpoint. The streaming path
    // holds a few MiB of block and CSV buffers plus the set of pair ids seen so far (duplicate-id detection needs it),
    // which reached about 41 MiB for this file's rows on a CI run. 64 MiB sits between the two.
    private const long LiveHeapBound = 64L * 1024 * 1024;

    private readonly BlobServiceClient _service = new(azurite.ConnectionString);

    [Fact]
    public async Task A_100_MB_dataset_blob_is_written_and_read_with_bounded_memory()
    {
        var container = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("datasets"));
        var store = new BlobArtifactStore(container);
        // The measure: the live managed heap (GC.GetTotalMemory(forceFullCollection: true)) at checkpoints during the write
        // and the read, minus the live heap before. Allocated-bytes counters grow with every row parsed whatever is kept, and
        // the working set moves with GC heuristics and other tests; the live heap after a full collection only grows if
        // something holds on to the data, which is exactly what streaming must avoid.
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peakGrowth = 0;
        void Checkpoint() => peakGrowth = Math.Max(peakGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);

        long rows = 0;
        await store.WriteAsync("big-pairs.csv", async (stream, ct) =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            await writer.WriteLineAsync("pair_id,text1,text2,label,lang,type");
            while (stream.Length < TargetBytes)
            {
                await writer.WriteLineAsync(Row(rows++));
                if (rows % 100_000 == 0)
                {
                    Checkpoint();
                }
            }

            await writer.FlushAsync(ct);
        });

        // Read through a client that counts the bytes its GET responses carry.
        var downloads = new DownloadedBytes();
        var clientOptions = new BlobClientOptions();
        clientOptions.AddPolicy(downloads, HttpPipelinePosition.PerRetry);
        var reading = new BlobServiceClient(azurite.ConnectionString, clientOptions).GetBlobContainerClient(container.Name);
        var source = await BlobDatasetSource.OpenAsync(reading.GetBlobClient("big-pairs.csv"));
        long pairs = 0, contradictions = 0;
        await using (var stream = await source.OpenAsync(CancellationToken.None))
        await using (var reader = await DatasetReader.OpenAsync(stream, source.Name))
        {
            await foreach (var pair in reader.ReadPairsAsync())
            {
                pairs++;
                contradictions += pair.Label == true ? 1 : 0;
                if (pairs % 100_000 == 0)
                {
                    Checkpoint();
                }
            }

            Assert.Equal(0, reader.Summary.BadRows);
        }

        var properties = await container.GetBlobClient("big-pairs.csv").GetPropertiesAsync();
        Assert.True(properties.Value.ContentLength >= TargetBytes, $"blob has {properties.Value.ContentLength} bytes");
        Assert.Equal(rows, pairs);
        Assert.Equal((rows + 1) / 2, contradictions); // even rows are contradictions: ceil(rows / 2)
        Assert.True(peakGrowth < LiveHeapBound, $"live managed heap grew by {peakGrowth / (1024 * 1024)} MiB at a checkpoint");

        // Downloaded once: given a seekable stream, the reader's UTF-8 check would read the whole blob before parsing it.
        Assert.InRange(downloads.Total, properties.Value.ContentLength, properties.Value.ContentLength + (8L * 1024 * 1024));
    }

    [Fact]
    public async Task The_version_is_the_ETag_and_the_content_streams_back()
    {
        var service = _service;
        var container = service.GetBlobContainerClient(BlobDatasetSource.ContainerName);
        await container.CreateIfNotExistsAsync();
        var name = AzuriteFixture.UniqueName("toy") + ".csv";
        var uploaded = await container.GetBlobClient(name).UploadAsync(BinaryData.FromString("text,lang\nhello,en\nworld,en\n"));

        var source = await BlobDatasetSource.OpenAsync(service, name);

        Assert.Equal(name, source.Name);
        Assert.Equal(uploaded.Value.ETag.ToString(), source.Version);
        await using var stream = await source.OpenAsync(CancellationToken.None);
        Assert.Equal("text,lang\nhello,en\nworld,en\n", await new StreamReader(stream).ReadToEndAsync());
    }

    [Fact]
    public async Task Invalid_utf8_in_a_blob_fails_while_it_is_read_naming_the_blob_and_line()
    {
        var container = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("datasets"));
        await container.CreateAsync();
        var blob = container.GetBlobClient("latin1.csv");
        // "café" in Latin-1 on line 3: 0xE9 followed by a newline is not UTF-8.
        byte[] content = [.. Encoding.UTF8.GetBytes("text,lang\nhello,en\ncaf"), 0xE9, .. Encoding.UTF8.GetBytes(",fr\n")];
        await blob.UploadAsync(BinaryData.FromBytes(content));
        var source = await BlobDatasetSource.OpenAsync(blob);

        await using var stream = await source.OpenAsync(CancellationToken.None);
        Assert.False(stream.CanSeek);

        // This small file is checked as its first buffer is read (with the header); a large one fails later, mid-read.
        var error = await Assert.ThrowsAsync<DatasetFormatException>(async () =>
        {
            await using var reader = await DatasetReader.OpenAsync(stream, source.Name);
            await foreach (var _ in reader.ReadPairsAsync())
            {
            }
        });

        Assert.Equal("latin1.csv", error.FileName);
        Assert.Equal(3, error.Line);
        Assert.Contains("0xE9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_dataset_blob_is_a_DatasetNotFoundException_naming_it()
    {
        var error = await Assert.ThrowsAsync<DatasetNotFoundException>(() => BlobDatasetSource.OpenAsync(_service, "no-such-dataset.csv"));

        Assert.Equal("no-such-dataset.csv", error.DatasetName);
        Assert.Contains("'no-such-dataset.csv'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_opened_before_the_blob_was_replaced_refuses_to_read_the_new_content()
    {
        var container = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("datasets"));
        await container.CreateAsync();
        var blob = container.GetBlobClient("d.csv");
        await blob.UploadAsync(BinaryData.FromString("text,lang\nfirst,en\n"));
        var source = await BlobDatasetSource.OpenAsync(blob);
        await blob.UploadAsync(BinaryData.FromString("text,lang\nsecond,en\n"), overwrite: true);

        var error = await Assert.ThrowsAsync<RequestFailedException>(async () =>
        {
            await using var stream = await source.OpenAsync(CancellationToken.None);
            await new StreamReader(stream).ReadToEndAsync();
        });

        Assert.Equal(412, error.Status); // Precondition Failed: If-Match on the first ETag
    }

    /// <summary>Adds up the Content-Length of every GET response: the bytes downloaded.</summary>
    private sealed class DownloadedBytes : HttpPipelinePolicy
    {
        private long _total;

        public long Total => Interlocked.Read(ref _total);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Count(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Count(message);
        }

        private void Count(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Get && message.Response.Headers.ContentLength is { } length)
            {
                Interlocked.Add(ref _total, length);
            }
        }
    }

    /// <summary>A pairs-shape row of about 250 bytes; even rows are contradictions.</summary>
    private static string Row(long i)
    {
        var topic = string.Create(CultureInfo.InvariantCulture, $"The river number {i} flows through the valley of region {i % 997} and feeds the lake");
        return i % 2 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{i},{topic} every spring.,\"{topic}, which is false.\",True,en,contradiction")
            : string.Create(CultureInfo.InvariantCulture, $"{i},{topic} every spring.,An unrelated sentence about bridge {i} in the old town.,False,en,neutral");
    }
}
