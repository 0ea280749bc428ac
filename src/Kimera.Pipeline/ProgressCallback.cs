namespace Kimera.Pipeline;

/// <summary>An <see cref="IProgress{T}"/> that calls its action at once, on the reporting thread. <see cref="Progress{T}"/>
/// posts each report to the thread pool, so reports from parallel chunks could arrive out of order.</summary>
public sealed class ProgressCallback<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
