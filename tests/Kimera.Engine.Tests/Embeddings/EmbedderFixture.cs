using Kimera.TestSupport;

namespace Kimera.Engine.Tests.Embeddings;

/// <summary>One packaged-model embedder (TestSupport's <see cref="EmbedderFixture"/>) for every test in the "Embedder" collection.</summary>
[CollectionDefinition("Embedder")]
public sealed class EmbedderCollection : ICollectionFixture<EmbedderFixture>;
