using Kimera.Engine.Embeddings.Quantization;

namespace Kimera.Cli.Commands;

/// <summary>
/// The <c>--int8-weights auto|signed|unsigned</c> option of <c>kimera run</c> and <c>kimera embed</c> (with
/// <c>--precision int8</c>); without it, <c>Kimera:Embedding:Int8Weights</c> and then <c>KIMERA_INT8_WEIGHTS</c> decide.
/// </summary>
public static class Int8WeightsOption
{
    /// <summary>The problem with <paramref name="value"/> (the option's) or, when it is absent, with the environment
    /// variable's <paramref name="environmentValue"/>; null when both are valid or absent.</summary>
    public static string? Problem(string? value, string? environmentValue)
    {
        if (value is not null)
        {
            return Int8KernelChoice.Parse(value) is null ? $"--int8-weights: '{value}' is not a weight setting; use auto, signed or unsigned." : null;
        }

        return Int8KernelChoice.Parse(environmentValue) is null
            ? $"{Int8KernelChoice.EnvironmentVariable}: '{environmentValue}' is not a weight setting; use auto, signed or unsigned."
            : null;
    }

    /// <summary>The setting <paramref name="value"/> names; <see cref="Int8Weights.Auto"/> when absent (then the configuration and the environment decide).</summary>
    public static Int8Weights Parse(string? value) => Int8KernelChoice.Parse(value) ?? Int8Weights.Auto;
}
