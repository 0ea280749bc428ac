using Kimera.Orchestration.Tests.Support;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;

namespace Kimera.Orchestration.Tests;

/// <summary>The scenarios of <see cref="BenchmarkOrchestratorTests"/> on the in-memory durable test host.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class InProcessBackendTests(EmbedderFixture fixture, AzuriteFixture azurite)
    : BenchmarkOrchestratorTests(DurableBackend.InProcess, fixture, azurite), IClassFixture<AzuriteFixture>;

/// <summary>The scenarios of <see cref="BenchmarkOrchestratorTests"/> on the Durable Functions extension with the Azure Storage
/// provider over Azurite: queues, history and instance tables, large-message blobs, at-least-once activities.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class AzureStorageBackendTests(EmbedderFixture fixture, AzuriteFixture azurite)
    : BenchmarkOrchestratorTests(DurableBackend.AzureStorage, fixture, azurite), IClassFixture<AzuriteFixture>;
