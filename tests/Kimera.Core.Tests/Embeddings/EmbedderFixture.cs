using Kimera.TestSupport;

namespace Kimera.Core.Tests.Embeddings;

/// <summary>One packaged-model embedder (TestSupport's <see cref="EmbedderFixture"/>) for every test in the "Embedder" collection.</summary>
[CollectionDefinition("Embedder")]
public sealed class EmbedderCollection : ICollectionFixture<EmbedderFixture>;
