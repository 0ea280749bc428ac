using System.Globalization;
using Kimera.Pipeline.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Kimera.Cli;

/// <summary>Structured logs on stderr, so stdout stays for results (JSON Lines, tables).</summary>
public static class CliLogging
{
    public static ILoggerFactory Create(bool verbose) => LoggerFactory.Create(builder =>
    {
        var minimum = verbose ? LogLevel.Information : LogLevel.Warning;
        builder.SetMinimumLevel(minimum);
        // HttpClient logs each request from its outer (LogicalHandler) and inner (ClientHandler) handler: keep the outer one,
        // so a request, and a failed attempt, is one line. A filter function is a rule of its own that the minimum level
        // does not bound, so it checks the minimum itself (without that, a run without -v printed info lines).
        builder.AddFilter((category, level) =>
            level >= minimum && (level >= LogLevel.Warning || category?.EndsWith(".ClientHandler", StringComparison.Ordinal) != true));
        builder.AddConsole(o =>
        {
            o.FormatterName = OneLineFormatter.FormatterName;
            o.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        builder.AddConsoleFormatter<OneLineFormatter, ConsoleFormatterOptions>();
    });

    /// <summary>
    /// One line per entry (inside a run, its run id after the level), with an exception as its type and first message line only (and its causes likewise). The simple console formatter
    /// writes the whole stack trace: HttpClient's logging handler logs every failed attempt with its exception, so one
    /// truncated answer filled the terminal with frames that say nothing the message does not (issue 12 item 15).
    /// </summary>
    private sealed class OneLineFormatter() : ConsoleFormatter(FormatterName)
    {
        public const string FormatterName = "kimera-one-line";

        public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
        {
            var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
            if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            {
                return;
            }

            textWriter.Write(DateTime.Now.ToString("HH:mm:ss ", CultureInfo.InvariantCulture));
            textWriter.Write(Level(logEntry.LogLevel));
            textWriter.Write(": ");
            // Inside a run, its id (RunTelemetry's scope), so grep 'kimera.run_id=<folder>' finds the run's lines.
            if (RunTelemetry.RunIdOf(scopeProvider) is { } runId)
            {
                textWriter.Write($"[{RunTelemetry.RunIdKey}={runId}] ");
            }

            textWriter.Write(logEntry.Category);
            textWriter.Write(": ");
            textWriter.Write(FirstLine(message));
            // The exception and its causes, each as type and first message line: what failed, not where in the code.
            var separator = " (";
            for (var exception = logEntry.Exception; exception is not null; exception = exception.InnerException)
            {
                textWriter.Write($"{separator}{exception.GetType().Name}: {FirstLine(exception.Message)}");
                separator = " <- ";
            }

            if (logEntry.Exception is not null)
            {
                textWriter.Write(')');
            }

            textWriter.WriteLine();
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            LogLevel.Critical => "crit",
            _ => "none",
        };

        private static string FirstLine(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            var end = text.IndexOfAny(['\r', '\n']);
            return end < 0 ? text : text[..end];
        }
    }
}
