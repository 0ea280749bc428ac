using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kimera.Datasets;
using Kimera.Datasets.Streams;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Embeddings.Quantization;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>
/// <c>kimera embed</c>: one text per input line to JSON Lines <c>{"text": …, "embedding": [384 floats]}</c> in input order.
/// Exit codes: 0 done, 1 failed, 2 bad arguments or input.
/// </summary>
public sealed class EmbedCommand : AsyncCommand<EmbedSettings>
{
    /// <summary>Lines embedded per step: enough for length sorting to pay, small enough to keep memory flat.</summary>
    internal const int LinesPerChunk = 512;

    public override async Task<int> ExecuteAsync(CommandContext context, EmbedSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Input is not null && !File.Exists(settings.Input))
        {
            await Console.Error.WriteLineAsync($"kimera embed: input file '{settings.Input}' does not exist.").ConfigureAwait(false);
            return 2;
        }

        if (settings.BatchSize < 1)
        {
            await Console.Error.WriteLineAsync($"kimera embed: --batch-size must be at least 1, not {settings.BatchSize}.").ConfigureAwait(false);
            return 2;
        }

        if (PrecisionOption.Parse(settings.Precision) is not { } precision)
        {
            await Console.Error.WriteLineAsync($"kimera embed: {PrecisionOption.Problem(settings.Precision)}").ConfigureAwait(false);
            return 2;
        }

        if (Int8WeightsOption.Problem(settings.Int8Weights, Environment.GetEnvironmentVariable(Int8KernelChoice.EnvironmentVariable)) is { } weightsProblem)
        {
            await Console.Error.WriteLineAsync($"kimera embed: {weightsProblem}").ConfigureAwait(false);
            return 2;
        }

        OnnxSentenceEmbedder embedder;
        try
        {
            embedder = new OnnxSentenceEmbedder(new EmbeddingOptions { ModelPath = settings.Model, VocabPath = settings.Vocab, BatchSize = settings.BatchSize, Precision = precision, Int8Weights = Int8WeightsOption.Parse(settings.Int8Weights) });
        }
        catch (FileNotFoundException ex)
        {
            await Console.Error.WriteLineAsync($"kimera embed: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            using (embedder)
            {
                await RunAsync(embedder, settings, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }
        catch (DatasetFormatException ex)
        {
            // Not UTF-8: bad input, with the line and byte offset of the first invalid byte.
            await Console.Error.WriteLineAsync($"kimera embed: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("kimera embed: cancelled.").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            await Console.Error.WriteLineAsync($"kimera embed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task RunAsync(OnnxSentenceEmbedder embedder, EmbedSettings settings, CancellationToken cancellationToken)
    {
        var input = settings.Input is null ? Console.OpenStandardInput() : File.OpenRead(settings.Input);
        await using var _ = input.ConfigureAwait(false);
        var name = settings.Input ?? "standard input";
        if (input.CanSeek)
        {
            // A file is checked whole first, so a bad byte near its end fails before any output is written.
            await Utf8Input.PrescanAsync(input, name, cancellationToken).ConfigureAwait(false);
        }

        using var reader = new StreamReader(Utf8Input.Validating(input, name, leaveOpen: true), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var output = settings.Output is null ? Console.OpenStandardOutput() : File.Create(settings.Output);
        await using var __ = output.ConfigureAwait(false);
        var buffered = new BufferedStream(output, 1 << 16);
        await using var ___ = buffered.ConfigureAwait(false);

        // Relaxed escaping keeps non-Latin text readable; the output is a data file, never embedded in HTML.
        var writerOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
        var chunk = new List<string>(LinesPerChunk);
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is not null)
            {
                chunk.Add(line);
            }

            if (chunk.Count == LinesPerChunk || (line is null && chunk.Count > 0))
            {
                var vectors = await embedder.EmbedAsync(chunk, cancellationToken).ConfigureAwait(false);
                Write(buffered, chunk, vectors, writerOptions);
                await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
                chunk.Clear();
            }

            if (line is null)
            {
                break;
            }
        }
    }

    private static void Write(Stream output, List<string> texts, float[][] vectors, JsonWriterOptions options)
    {
        using var json = new Utf8JsonWriter(output, options);
        for (var i = 0; i < texts.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("text", texts[i]);
            json.WriteStartArray("embedding");
            foreach (var value in vectors[i])
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            output.WriteByte((byte)'\n');
            json.Reset();
        }
    }
}
