using Kimera.TestSupport;

namespace Kimera.Functions.Tests.Support;

/// <summary>The Functions tests share one real MiniLM embedder (TestSupport's <see cref="EmbedderFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class DurableCollection : ICollectionFixture<EmbedderFixture>
{
    public const string Name = "durable";
}
