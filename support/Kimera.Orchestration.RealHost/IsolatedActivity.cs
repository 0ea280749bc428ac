using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Kimera.Orchestration.RealHost;

/// <summary>Runs one of the project's activity classes as the isolated worker does for an <c>[ActivityTrigger]</c> function:
/// input deserialized by the Durable SDK's <see cref="JsonDataConverter"/>, output serialized by it, and an exception
/// reported in the shape the extension parses for dotnet-isolated workers.</summary>
/// <remarks>In Azure the extension hands the worker the activity input as JSON text (the orchestrator's one-element argument
/// array, unwrapped), and receives the return value as JSON, which the Functions host turns into a JSON token; a string return
/// value would be serialized once more as a JSON string. Exceptions: the worker extension throws a DurableSerializationException
/// whose message is the <c>TaskFailureDetails</c> protobuf as JSON, and the Functions host wraps it in an RpcException whose message
/// is "Result: Failure\nException: {message}\nStack: {stack}"; the extension's OutOfProcMiddleware reads the failure details back
/// from exactly that text (TryGetRpcExceptionFields). <see cref="IsolatedWorkerFailureException"/> produces it, so the orchestrator's
/// retry policy sees the same error types here as in Azure.</remarks>
public static class IsolatedActivity
{
    private static readonly DataConverter Converter = JsonDataConverter.Default;

    public static async Task<JToken?> RunAsync<TActivity>(IServiceProvider services, string name, string input, string instanceId)
        where TActivity : ITaskActivity
    {
        try
        {
            var activity = ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(services);
            var typed = Converter.Deserialize(input, activity.InputType);
            var output = await activity.RunAsync(new Context(name, instanceId), typed).ConfigureAwait(false);
            var json = Converter.Serialize(output);
            return json is null ? null : JToken.Parse(json);
        }
        catch (Exception ex)
        {
            throw new IsolatedWorkerFailureException(ex);
        }
    }

    private sealed class Context(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}

/// <summary>What the Functions host reports for an isolated worker's failed invocation (see <see cref="IsolatedActivity"/>).</summary>
public sealed class IsolatedWorkerFailureException(Exception failure)
    : Exception($"Result: Failure\nException: {FailureDetailsJson(failure)}\nStack: {failure.StackTrace}")
{
    /// <summary>The worker extension's TaskFailureDetailsConverter, as protobuf JSON (lowerCamelCase fields, nested inner failure).</summary>
    private static string FailureDetailsJson(Exception ex) => Details(ex).ToJsonString();

    private static JsonObject Details(Exception ex)
    {
        var details = new JsonObject
        {
            ["errorType"] = ex.GetType().FullName,
            ["errorMessage"] = ex.Message,
            // Escaped by the JSON writer: the extension parses only up to the first raw newline.
            ["stackTrace"] = ex.StackTrace,
            ["isNonRetriable"] = false,
        };
        if (ex.InnerException is { } inner)
        {
            details["innerFailure"] = Details(inner);
        }

        return details;
    }
}
