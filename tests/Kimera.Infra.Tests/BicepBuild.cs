namespace Kimera.Infra.Tests;

/// <summary>One <c>bicep build</c> run and the ARM templates it wrote, by file name.</summary>
public sealed record BicepBuild(BicepResult Result, IReadOnlyDictionary<string, string> Templates);
