namespace Kimera.Infra.Tests;

/// <summary>Exit code and output of one Bicep CLI run.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError);
