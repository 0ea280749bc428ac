using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kimera.Functions.Http;
using Kimera.Functions.Tests.Support;
using Kimera.Orchestration.Contracts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Functions.Tests;

/// <summary><c>POST /api/datasets/{name}</c> on Azurite: the bytes land under <c>console/</c> exactly, the blob trigger starts
/// no run for them, a run started on the returned name reads them; bad names, a body over the limit and a different file
/// under a taken name are refused with problem+json.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class DatasetUploadApiTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_upload_is_stored_byte_for_byte_under_console_starts_no_run_by_itself_and_runs_when_asked()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        var api = app.Services.GetRequiredService<DatasetsApi>();
        var bytes = await File.ReadAllBytesAsync(RepoPaths.TestData(FunctionsHarness.Dataset));

        var uploaded = await api.UploadAsync("mine.csv", new ForwardOnlyStream(bytes), contentLength: null, overwrite: null);

        Assert.Equal((201, ApiResponse.Json), (uploaded.StatusCode, uploaded.ContentType));
        var answer = JsonNode.Parse(uploaded.Body)!;
        Assert.Equal("console/mine.csv", answer["dataset"]!.GetValue<string>());
        Assert.Equal(bytes.Length, answer["bytes"]!.GetValue<long>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), answer["sha256"]!.GetValue<string>());
        var blob = app.DatasetsContainer.GetBlobClient("console/mine.csv");
        Assert.Equal(bytes, (await blob.DownloadContentAsync()).Value.Content.ToArray());

        // The blob trigger's event for it (Event Grid filters these out; the function ignores them too): nothing starts.
        var etag = (await blob.GetPropertiesAsync()).Value.ETag.ToString();
        Assert.Null(await app.Starter.StartAsync("console/mine.csv", etag, app.Client));
        Assert.Empty(await InstancesAsync(app));

        // The uploader's own run, on the name the upload answered: the blob resolver reads the prefixed name.
        var started = await app.Api.StartAsync(
            new MemoryStream(Encoding.UTF8.GetBytes("{\"dataset\": \"console/mine.csv\"}")), new Uri("https://kimera.example/"), app.Client);
        Assert.Equal(202, started.StatusCode);
        var done = await app.WaitAsync(JsonNode.Parse(started.Body)!["id"]!.GetValue<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<RunResult>()!;
        // mixed_quick.csv: 20 pairs, chunks of 5 (the harness's Kimera:Run:ChunkSize).
        Assert.Equal(("console/mine.csv", 20, 4), (result.Dataset, result.Pairs, result.Chunks));
        Assert.Single(await InstancesAsync(app));
    }

    [Fact]
    public async Task The_same_bytes_again_are_no_conflict_other_bytes_need_overwrite()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        var api = app.Services.GetRequiredService<DatasetsApi>();
        var first = "text1,text2,label\nIt rains.,It does not rain.,1\n"u8.ToArray();
        var second = "text1,text2,label\nIt is hot.,It is cold.,1\n"u8.ToArray();
        Assert.Equal(201, (await api.UploadAsync("p.csv", new MemoryStream(first), first.Length, null)).StatusCode);

        var again = await api.UploadAsync("p.csv", new MemoryStream(first), first.Length, null);
        var other = await api.UploadAsync("p.csv", new MemoryStream(second), second.Length, null);

        Assert.Equal(200, again.StatusCode);
        Assert.Equal("console/p.csv", JsonNode.Parse(again.Body)!["dataset"]!.GetValue<string>());
        Assert.Equal((409, ApiResponse.ProblemJson), (other.StatusCode, other.ContentType));
        Assert.Equal(
            $"Dataset 'console/p.csv' already exists with other content ({first.Length} bytes): upload with ?overwrite=true to replace it, or choose another file name.",
            JsonNode.Parse(other.Body)!["detail"]!.GetValue<string>());
        var blob = app.DatasetsContainer.GetBlobClient("console/p.csv");
        Assert.Equal(first, (await blob.DownloadContentAsync()).Value.Content.ToArray());

        var replaced = await api.UploadAsync("p.csv", new MemoryStream(second), second.Length, "true");

        Assert.Equal(201, replaced.StatusCode);
        Assert.Equal(second, (await blob.DownloadContentAsync()).Value.Content.ToArray());
        var badFlag = await api.UploadAsync("p.csv", new MemoryStream(second), second.Length, "yes");
        Assert.Equal(400, badFlag.StatusCode);
        Assert.Equal(["overwrite must be true or false (got 'yes')."], JsonNode.Parse(badFlag.Body)!["errors"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public async Task A_body_over_the_configured_limit_gets_413_whether_it_says_its_length_or_not_and_nothing_is_stored()
    {
        await using var app = await FunctionsHarness.StartAsync(
            fixture.Embedder, azurite, settings: new Dictionary<string, string?> { ["Kimera:Upload:MaxBytes"] = "100" });
        var api = app.Services.GetRequiredService<DatasetsApi>();
        var limit = new byte[100];
        var over = new byte[101];
        Array.Fill(limit, (byte)'a');
        Array.Fill(over, (byte)'a');

        var declared = await api.UploadAsync("big.csv", new UnreadableStream(), contentLength: 101, overwrite: null);
        var streamed = await api.UploadAsync("big.csv", new ForwardOnlyStream(over), contentLength: null, overwrite: null);
        var atTheLimit = await api.UploadAsync("exact.csv", new ForwardOnlyStream(limit), contentLength: null, overwrite: null);

        Assert.Equal((413, ApiResponse.ProblemJson), (declared.StatusCode, declared.ContentType));
        Assert.Equal(
            "The upload is larger than 100 bytes, the most this app accepts (Kimera:Upload:MaxBytes): its Content-Length is 101.",
            JsonNode.Parse(declared.Body)!["detail"]!.GetValue<string>());
        Assert.Equal((413, ApiResponse.ProblemJson), (streamed.StatusCode, streamed.ContentType));
        Assert.Equal(
            "The upload is larger than 100 bytes, the most this app accepts (Kimera:Upload:MaxBytes): more than 100 bytes arrived.",
            JsonNode.Parse(streamed.Body)!["detail"]!.GetValue<string>());
        Assert.False((await app.DatasetsContainer.GetBlobClient("console/big.csv").ExistsAsync()).Value);
        Assert.Equal(201, atTheLimit.StatusCode);
        Assert.Equal(100, JsonNode.Parse(atTheLimit.Body)!["bytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_bad_name_gets_400_naming_each_problem_and_nothing_is_stored()
    {
        await using var app = await FunctionsHarness.StartAsync(fixture.Embedder, azurite);
        var api = app.Services.GetRequiredService<DatasetsApi>();

        var answer = await api.UploadAsync("../notes.md", new UnreadableStream(), contentLength: 10, overwrite: null);

        Assert.Equal((400, ApiResponse.ProblemJson), (answer.StatusCode, answer.ContentType));
        var problem = JsonNode.Parse(answer.Body)!;
        Assert.Equal("The dataset cannot be stored under this name.", problem["detail"]!.GetValue<string>());
        Assert.Equal(
            ["'../notes.md' is not a plain file name: '/', '\\' and '..' are not accepted.",
             "'../notes.md' is not the name of a dataset file: it must end in one of .csv .tsv .txt .jsonl .json .parquet .csv.gz .tsv.gz .txt.gz .jsonl.gz .json.gz."],
            problem["errors"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Empty(await InstancesAsync(app));
    }

    private static async Task<List<string>> InstancesAsync(FunctionsHarness app)
    {
        var instances = new List<string>();
        await foreach (var instance in app.Client.GetAllInstancesAsync())
        {
            instances.Add(instance.InstanceId);
        }

        return instances;
    }

    /// <summary>A request body as the server gives it: read once, front to back, length unknown.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body that must not be read: the answer has to come from the name or the declared length alone.</summary>
    private sealed class UnreadableStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The body was read.");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
