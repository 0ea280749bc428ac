using Kimera.Functions;
using Kimera.Pipeline.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Telemetry only where a connection string is set (Azure sets it from the Application Insights resource).
if (!string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();

    // The Application Insights provider keeps only warnings by default; the app's Information logs (runs started,
    // chunks reused) are wanted, and host.json's logLevel still decides what is kept.
    builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
    {
        var rule = options.Rules.FirstOrDefault(r =>
            r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
        if (rule is not null)
        {
            options.Rules.Remove(rule);
        }
    });

    // Runs in the logs (docs/azure.md, "Monitoring"): a log scope's properties become custom dimensions, so every line
    // written inside a run's scope carries kimera.run_id; the spans Kimera starts (RunTelemetry.Source) are exported too.
    builder.Services.Configure<OpenTelemetryLoggerOptions>(options => options.IncludeScopes = true);
    builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(RunTelemetry.SourceName));
}

builder.Services.AddKimeraFunctions(builder.Configuration);
await builder.Build().RunAsync();
