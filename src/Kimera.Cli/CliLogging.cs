using Microsoft.Extensions.Logging;

namespace Kimera.Cli;

/// <summary>Structured logs on stderr, so stdout stays for results (JSON Lines, tables).</summary>
public static class CliLogging
{
    public static ILoggerFactory Create(bool verbose) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    });
}
