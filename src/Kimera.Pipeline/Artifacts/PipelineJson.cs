using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kimera.Pipeline.Artifacts;

/// <summary>JSON settings of every artifact and report: snake_case names, nulls kept, indented, non-ASCII text kept readable.</summary>
public static class PipelineJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static async Task WriteAsync<T>(IArtifactStore store, string name, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await store.WriteAsync(name, (stream, ct) => JsonSerializer.SerializeAsync(stream, value, Options, ct), cancellationToken)
            .ConfigureAwait(false);
    }

    public static async Task<T?> ReadAsync<T>(IArtifactStore store, string name, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var stream = await store.OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
        return stream is null ? null : await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken).ConfigureAwait(false);
    }
}
