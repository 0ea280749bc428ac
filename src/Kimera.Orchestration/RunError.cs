using Microsoft.DurableTask.Client;

namespace Kimera.Orchestration;

/// <summary>The error of a failed run, read the same way whichever durable backend ran it.</summary>
/// <remarks>The in-memory backend fills <see cref="OrchestrationMetadata.FailureDetails"/>. The Durable Functions extension on the
/// Azure Storage provider does not: its instance table keeps no failure details, so the extension's gRPC endpoint returns none,
/// and the serialized output holds the error as "ExceptionType: message" (measured on Azurite with extension 3.18.0:
/// "Microsoft.DurableTask.TaskFailedException: Task 'ProcessChunk' (#8) failed with an unhandled exception: ...").</remarks>
/// <param name="Type">The exception type, when the backend kept it.</param>
public sealed record RunError(string? Type, string Message)
{
    /// <summary>The run's error, or null when it has not failed.</summary>
    public static RunError? Of(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.FailureDetails is { } failure)
        {
            return new RunError(failure.ErrorType, failure.ErrorMessage);
        }

        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            return null;
        }

        return FromText(instance.SerializedOutput);
    }

    /// <summary>Splits "Type: message" when the part before the colon is a type name (a dotted identifier); else the whole text is the message.</summary>
    public static RunError FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RunError(null, "The run failed and the backend kept no error message.");
        }

        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && text[..colon].All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '`' or '+'))
        {
            return new RunError(text[..colon], text[(colon + 2)..]);
        }

        return new RunError(null, text);
    }
}
