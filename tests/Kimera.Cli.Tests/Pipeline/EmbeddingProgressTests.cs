using Kimera.Engine.Embeddings;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Pipeline;

/// <summary>The embedder's progress (issue 14 item 2): told batch by batch, adding up to the texts, without changing a bit of the vectors.</summary>
public sealed class EmbeddingProgressTests(EmbedderFixture fixture) : IClassFixture<EmbedderFixture>
{
    /// <summary>Slow: 200 embeddings of texts up to 100 words with the real model (about 7 s on two idle cores).</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Progress_comes_in_several_steps_that_add_up_to_the_texts_and_the_vectors_are_the_same_bytes()
    {
        // 100 texts of 1 to 100 words: several batches (at most 32 texts each), from the shortest to the longest.
        var texts = Enumerable.Range(1, 100).Select(n => string.Join(' ', Enumerable.Repeat("word", n))).ToArray();
        var steps = new List<int>();
        ITextEmbedder embedder = fixture.Embedder;

        var withProgress = await embedder.EmbedAsync(texts, new Steps(steps), CancellationToken.None);
        var plain = await embedder.EmbedAsync(texts, CancellationToken.None);

        Assert.True(steps.Count >= 4, $"{steps.Count} steps");
        Assert.All(steps, s => Assert.True(s > 0));
        Assert.Equal(texts.Length, steps.Sum());
        // Weighted by work: the first batch (the 32 shortest texts) counts for fewer than its 32 texts.
        Assert.True(steps[0] < 32, $"first step {steps[0]}");
        Assert.Equal(plain.SelectMany(v => v), withProgress.SelectMany(v => v));
    }

    private sealed class Steps(List<int> steps) : IProgress<int>
    {
        public void Report(int value) => steps.Add(value);
    }
}
