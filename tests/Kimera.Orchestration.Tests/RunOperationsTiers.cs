using Kimera.Orchestration.Tests.Support;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;

namespace Kimera.Orchestration.Tests;

/// <summary>The scenarios of <see cref="RunOperationsTests"/> on the in-memory durable test host.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class RunOperationsInProcessTests(EmbedderFixture fixture, AzuriteFixture azurite)
    : RunOperationsTests(DurableBackend.InProcess, fixture, azurite), IClassFixture<AzuriteFixture>;

/// <summary>The scenarios of <see cref="RunOperationsTests"/> on the Durable Functions extension with the Azure Storage provider
/// over Azurite, as in Azure.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class RunOperationsAzureStorageTests(EmbedderFixture fixture, AzuriteFixture azurite)
    : RunOperationsTests(DurableBackend.AzureStorage, fixture, azurite), IClassFixture<AzuriteFixture>;
