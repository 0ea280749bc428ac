
namespace Kimera.Pipeline.Stages;

/// <summary>A run refused before any chunk starts, by <see cref="RunPlanner"/> (a dataset that gives no pair) or an
/// <see cref="IPlanCheck"/>; the message says why (bad input, exit code 2).</summary>
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
