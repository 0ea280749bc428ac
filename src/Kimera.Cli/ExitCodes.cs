namespace Kimera.Cli;

/// <summary>Exit codes of every <c>kimera</c> command (docs/architecture.md, "Contracts").</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
}
