using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Onnx;

namespace Kimera.Engine.Embeddings.Quantization;

/// <summary>
/// Derives the int8 model from the float32 one (calibrate, then <see cref="Int8GraphRewriter"/>) and keeps it in a
/// folder, keyed by the SHA-256 of the float32 model, the vocabulary, the calibration texts and the recipe, so that it is
/// derived once per machine. Nothing is downloaded.
/// </summary>
public static class Int8ModelStore
{
    private const string CalibrationResource = "Kimera.Engine.Embeddings.Quantization.calibration-texts.txt";

    /// <summary>
    /// The calibration texts: every text of the repository's samples (the 50 pairs of <c>samples/sample_pairs.csv</c> in
    /// five languages and <c>samples/sentences.txt</c>), one per line, none of them from the benchmark datasets.
    /// </summary>
    public static IReadOnlyList<string> CalibrationTexts()
    {
        using var stream = typeof(Int8ModelStore).Assembly.GetManifestResourceStream(CalibrationResource)
            ?? throw new InvalidOperationException($"Assembly {typeof(Int8ModelStore).Assembly.GetName().Name} has no embedded resource '{CalibrationResource}'.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var texts = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                texts.Add(line);
            }
        }

        return texts;
    }

    /// <summary>The default folder: <c>$XDG_CACHE_HOME/kimera/models</c> (or the platform's local application data).</summary>
    public static string DefaultDirectory()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(root))
        {
            root = OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return Path.Combine(root, "kimera", "models");
    }

    /// <summary>
    /// The int8 model's bytes: read from <paramref name="directory"/> when derived before, else derived and written there
    /// (atomically; a folder that cannot be written only costs the derivation next time).
    /// </summary>
    /// <param name="fp32Model">The float32 ONNX model.</param>
    /// <param name="vocabulary">Its <c>vocab.txt</c>, to encode the calibration texts.</param>
    /// <param name="maxSequenceLength">Word pieces per text, as the embedder truncates.</param>
    /// <param name="directory">Cache folder; null for <see cref="DefaultDirectory"/>.</param>
    /// <param name="recipe">Null for <see cref="Int8Recipe.Default"/>.</param>
    public static byte[] GetOrCreate(byte[] fp32Model, byte[] vocabulary, int maxSequenceLength, string? directory = null, Int8Recipe? recipe = null)
    {
        ArgumentNullException.ThrowIfNull(fp32Model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        recipe ??= Int8Recipe.Default;
        var texts = CalibrationTexts();
        var path = Path.Combine(directory ?? DefaultDirectory(), $"{Key(fp32Model, vocabulary, maxSequenceLength, texts, recipe)}.onnx");
        if (File.Exists(path))
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (IOException)
            {
                // Unreadable (being replaced, removed): derive again below.
            }
        }

        BertWordPieceTokenizer tokenizer;
        using (var stream = new MemoryStream(vocabulary, writable: false))
        {
            tokenizer = BertWordPieceTokenizer.FromVocabulary(stream);
        }

        var bytes = Derive(fp32Model, tokenizer, maxSequenceLength, texts, recipe);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only home (some serverless hosts) still gets the model, derived again by the next process.
        }

        return bytes;
    }

    /// <summary>Calibrates on <paramref name="texts"/> and rewrites; deterministic (same inputs, same bytes).</summary>
    public static byte[] Derive(byte[] fp32Model, BertWordPieceTokenizer tokenizer, int maxSequenceLength, IReadOnlyList<string> texts, Int8Recipe recipe)
    {
        ArgumentNullException.ThrowIfNull(fp32Model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(recipe);
        var model = ModelProto.Parser.ParseFrom(fp32Model);
        var activations = Int8GraphRewriter.QuantizableActivations(model);
        var tokenIds = texts.Select(t => tokenizer.Encode(t, maxSequenceLength)).ToArray();
        var ranges = ActivationCalibrator.Measure(fp32Model, activations, tokenIds);
        return Int8GraphRewriter.Rewrite(model, ranges, recipe).ToByteArray();
    }

    private static string Key(byte[] fp32Model, byte[] vocabulary, int maxSequenceLength, IReadOnlyList<string> texts, Int8Recipe recipe)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(fp32Model);
        sha.AppendData(vocabulary);
        sha.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"|{maxSequenceLength}|{recipe.Describe()}|")));
        foreach (var text in texts)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(text));
            sha.AppendData("\n"u8);
        }

        return $"minilm-{recipe.Describe()}-{Convert.ToHexStringLower(sha.GetHashAndReset())[..16]}";
    }
}
