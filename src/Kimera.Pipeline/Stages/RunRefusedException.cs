
namespace Kimera.Pipeline.Stages;

/// <summary>A run that a <see cref="IPlanCheck"/> refused to start; the message says why (bad input, exit code 2).</summary>
public sealed class RunRefusedException : Exception
{
    public RunRefusedException()
    {
    }

    public RunRefusedException(string message)
        : base(message)
    {
    }

    public RunRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
