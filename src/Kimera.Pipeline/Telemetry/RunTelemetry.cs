using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kimera.Pipeline.Telemetry;

/// <summary>What ties a run's log lines and spans together: the <c>kimera.run_id</c> key, as a logging scope on every line
/// written while a run's work is under way and as a tag on its spans. Both engines open it where a run's work starts
/// (<c>kimera run</c>; the HTTP start, the blob trigger and each durable activity), so one query on that key finds a run's
/// whole story (docs/azure.md, "Monitoring").</summary>
/// <remarks>The id is a tag, not baggage: baggage would travel in the headers of every outgoing request, the LLM
/// endpoint's included.</remarks>
public static class RunTelemetry
{
    /// <summary>The key of the run id: the logging scope's property and the span's tag (in Application Insights, the
    /// <c>customDimensions</c> entry of traces, requests, dependencies and exceptions).</summary>
    public const string RunIdKey = "kimera.run_id";

    /// <summary>The name of <see cref="Source"/>, for a host's tracer to listen to.</summary>
    public const string SourceName = "Kimera";

    /// <summary>The spans Kimera starts itself: one per piece of a run's work (an activity, a start).</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Opens the run's logging scope on <paramref name="logger"/>'s factory, tags the current span with the run id
    /// and starts a span named <paramref name="operation"/> (when a tracer listens to <see cref="SourceName"/>) that carries
    /// it too. Dispose it when the work ends.</summary>
    /// <remarks>A scope opened on one logger applies to every logger of the same factory in this asynchronous flow, so the
    /// lines of the judges, the HTTP client and the stores written under it carry the id as well.</remarks>
    public static IDisposable BeginRun(ILogger logger, string runId, string operation)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        Activity.Current?.SetTag(RunIdKey, runId);
        var span = Source.StartActivity(operation)?.SetTag(RunIdKey, runId);
        var scope = logger.BeginScope(new RunScope(runId));
        return new RunWork(scope, span);
    }

    /// <summary>The run id of the innermost run scope among <paramref name="scopes"/> (as a log formatter sees them); null
    /// outside a run.</summary>
    public static string? RunIdOf(IExternalScopeProvider? scopes)
    {
        string? id = null;
        scopes?.ForEachScope((scope, _) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> properties
                && properties.FirstOrDefault(p => p.Key == RunIdKey).Value is string value)
            {
                id = value;
            }
        }, (object?)null);
        return id;
    }

    /// <summary>The scope's state: one property, <see cref="RunIdKey"/>, as structured loggers expect a scope's properties
    /// (Application Insights turns each into a custom dimension); its text is what a console formatter that writes scopes shows.</summary>
    private sealed class RunScope(string runId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new(RunIdKey, runId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{RunIdKey}={runId}";
    }

    private sealed class RunWork(IDisposable? scope, Activity? span) : IDisposable
    {
        public void Dispose()
        {
            scope?.Dispose();
            span?.Dispose();
        }
    }
}
