using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kimera.Orchestration.Tests.Support;

/// <summary>Keeps every log line written through the host's logger factory with the properties of the scopes it was written
/// in, as a structured exporter (Application Insights) would see them.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<RecordedLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>One line: its category, its text and the properties of its scopes (innermost last, so it wins).</summary>
    public sealed record RecordedLine(string Category, string Message, IReadOnlyDictionary<string, object?> ScopeProperties);

    private sealed class Logger(string category, RecordingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
            owner._scopes.ForEachScope(
                (scope, into) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            into[key] = value;
                        }
                    }
                },
                properties);
            owner.Lines.Enqueue(new RecordedLine(category, formatter(state, exception), properties));
        }
    }
}
