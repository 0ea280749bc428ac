using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>Arguments of <c>kimera embed</c>.</summary>
public sealed class EmbedSettings : CommandSettings
{
    [CommandOption("-i|--input <FILE>")]
    [Description("UTF-8 text file, one text per line. Default: standard input.")]
    public string? Input { get; init; }

    [CommandOption("-o|--output <FILE>")]
    [Description("JSON Lines output file. Default: standard output.")]
    public string? Output { get; init; }

    [CommandOption("--model <FILE>")]
    [Description("ONNX sentence-transformers model. Default: the packaged all-MiniLM-L6-v2.")]
    public string? Model { get; init; }

    [CommandOption("--vocab <FILE>")]
    [Description("vocab.txt of the model. Default: the packaged one.")]
    public string? Vocab { get; init; }

    [CommandOption("--precision <P>")]
    [Description("Embedding arithmetic: fp32 (default; the original's vectors) or int8 (faster on CPUs with VNNI/AMX, cosine >= 0.99 to fp32).")]
    public string? Precision { get; init; }

    [CommandOption("--int8-weights <W>")]
    [Description("With --precision int8: auto (default; signed int8 weights where the CPU has avx512_vnni, avx_vnni or amx_int8, same vectors and faster; unsigned elsewhere; KIMERA_INT8_WEIGHTS when set), signed or unsigned.")]
    public string? Int8Weights { get; init; }

    [CommandOption("--batch-size <N>")]
    [Description("Texts per model call.")]
    [DefaultValue(32)]
    public int BatchSize { get; init; } = 32;

    public override ValidationResult Validate()
    {
        if (Input is not null && Directory.Exists(Input))
        {
            return ValidationResult.Error($"'{Input}' is a directory, not a file.");
        }

        if (Output is not null && Directory.Exists(Output))
        {
            return ValidationResult.Error($"--output '{Output}' is a directory; give a file for the JSON Lines.");
        }

        return ValidationResult.Success();
    }
}
