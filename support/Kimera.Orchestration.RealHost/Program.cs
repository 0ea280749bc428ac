using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Llm;
using Kimera.Orchestration.RealHost;
using Kimera.Pipeline.Artifacts;
using Kimera.Storage.AzureBlobs;
using Kimera.Storage.AzureTables;
using Microsoft.Extensions.DependencyInjection;

// The child host of the crash tests: the same WebJobsDurableHost the in-process tests use, configured from the environment
// (ChildHostSettings). It writes its gRPC address to the ready file once it serves, and runs until it is killed.
var settings = ChildHostSettings.FromEnvironment();
using var embedder = new OnnxSentenceEmbedder(new EmbeddingOptions { IntraOpThreads = 1 });
var blobs = new BlobServiceClient(settings.ConnectionString);
var tables = new TableServiceClient(settings.ConnectionString);
var runs = new MarkingRunStoreFactory(
    new BlobRunStoreFactory(blobs, settings.RunsContainer), settings.MarkerDirectory, settings.HoldSummaries);

await using var host = await WebJobsDurableHost.StartAsync(settings.ConnectionString, settings.HubName, services =>
{
    services.AddSingleton<ITextEmbedder>(embedder);
    services.AddSingleton(new KimeraEngineOptions());
    services.AddSingleton<IRunStoreFactory>(runs);
    if (settings.HoldChunksAfter is { } after)
    {
        services.AddSingleton(new ChunkHold(settings.MarkerDirectory, after, settings.ReleaseFile));
    }
    services.AddSingleton<IDatasetSourceResolver>(new BlobDatasetSourceResolver(blobs, settings.DatasetsContainer));
    services.AddSingleton<IEmbeddingCache>(new TableEmbeddingCache(tables, settings.EmbeddingsTable));
    if (settings.CacheJudgements)
    {
        services.AddSingleton<IJudgementCache>(new TableJudgementCache(tables, settings.JudgementsTable));
    }

    if (settings.LlmEndpoint is { } endpoint)
    {
        services.AddLlmJudge(options =>
        {
            RealHostLlm.Configure(options, endpoint, settings.LlmBudgetUsd);
            if (settings.LlmMaxConcurrency is { } concurrency)
            {
                options.MaxConcurrency = concurrency;
            }

            if (settings.LlmPricesPerMillion is { } prices)
            {
                (options.PriceInputPerMillion, options.PriceOutputPerMillion) = prices;
            }
        });
    }
}, ChildHostDurableSettings.For(settings), Microsoft.Extensions.Logging.LogLevel.Warning);

// Written whole then renamed, so the test never reads half an address.
var partial = settings.ReadyFile + ".partial";
await File.WriteAllTextAsync(partial, host.GrpcAddress);
File.Move(partial, settings.ReadyFile, overwrite: true);
await Task.Delay(Timeout.Infinite);
