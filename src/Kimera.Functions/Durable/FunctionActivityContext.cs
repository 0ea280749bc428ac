using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Kimera.Functions.Durable;

/// <summary>The <see cref="TaskActivityContext"/> a class-based activity expects, made from the function's context.</summary>
internal sealed class FunctionActivityContext(TaskName name, FunctionContext context) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } =
        context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? string.Empty : string.Empty;
}
