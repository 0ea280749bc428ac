using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>
/// <c>kimera samples [DIR]</c>: writes the shipped sample datasets (<see cref="ShippedSamples"/>) into DIR
/// (default <c>samples</c>), so that an installed tool has the files its help examples name. A file already there with
/// the same bytes is left as it is; a different one is overwritten only with <c>--force</c>, and otherwise nothing is
/// written and the command exits 2 naming every such file.
/// </summary>
public sealed class SamplesCommand : AsyncCommand<SamplesCommand.Settings>
{
    public const string Description =
        "Write the sample datasets shipped with kimera into DIR (default: samples), to try the other commands on.";

    public const string DefaultDirectory = "samples";

    private readonly TextWriter _out;
    private readonly TextWriter _error;

    public SamplesCommand()
        : this(Console.Out, Console.Error)
    {
    }

    internal SamplesCommand(TextWriter output, TextWriter error)
    {
        _out = output;
        _error = error;
    }

    /// <summary>Arguments of <c>kimera samples</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[DIR]")]
        [Description("Folder to write the samples into; created when missing. Default: " + DefaultDirectory + ".")]
        public string Directory { get; init; } = DefaultDirectory;

        [CommandOption("--force")]
        [Description("Overwrite sample files in DIR that differ from the shipped ones.")]
        public bool Force { get; init; }

        public override ValidationResult Validate() =>
            File.Exists(Directory) ? ValidationResult.Error($"'{Directory}' is a file, not a folder.") : ValidationResult.Success();
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return WriteAsync(settings.Directory, settings.Force, cancellationToken);
    }

    /// <summary>Writes every shipped sample into <paramref name="directory"/>; returns the exit code.</summary>
    internal async Task<int> WriteAsync(string directory, bool force, CancellationToken cancellationToken)
    {
        var targets = ShippedSamples.FileNames.Select(name => (Name: name, Path: Path.Combine(directory, name))).ToArray();
        var states = new Dictionary<string, TargetState>(StringComparer.Ordinal);
        foreach (var (name, path) in targets)
        {
            states[name] = await StateOfAsync(name, path, cancellationToken).ConfigureAwait(false);
        }

        var different = targets.Where(t => states[t.Name] == TargetState.Different).Select(t => t.Path).ToArray();
        if (different.Length > 0 && !force)
        {
            foreach (var path in different)
            {
                await _error.WriteLineAsync($"kimera samples: '{path}' exists and differs from the shipped sample.").ConfigureAwait(false);
            }

            await _error.WriteLineAsync("kimera samples: nothing written; use --force to overwrite, or give another folder.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            System.IO.Directory.CreateDirectory(directory);
            foreach (var (name, path) in targets)
            {
                var state = states[name];
                if (state != TargetState.Same)
                {
                    await WriteFileAsync(name, path, cancellationToken).ConfigureAwait(false);
                }

                var size = new FileInfo(path).Length;
                var what = state switch
                {
                    TargetState.Missing => "wrote",
                    TargetState.Different => "overwrote",
                    _ => "unchanged",
                };
                await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{what,-9} {path} ({size:N0} bytes)")).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await _error.WriteLineAsync($"kimera samples: cannot write into '{directory}': {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await _out.WriteLineAsync().ConfigureAwait(false);
        await _out.WriteLineAsync("Next: kimera run " + Path.Combine(directory, ShippedSamples.FirstRun)).ConfigureAwait(false);
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private enum TargetState
    {
        Missing,
        Same,
        Different,
    }

    private static async Task<TargetState> StateOfAsync(string name, string path, CancellationToken cancellationToken)
    {
        if (System.IO.Directory.Exists(path))
        {
            return TargetState.Different;
        }

        if (!File.Exists(path))
        {
            return TargetState.Missing;
        }

        await using var shipped = ShippedSamples.Open(name);
        await using var existing = File.OpenRead(path);
        return await SameBytesAsync(shipped, existing, cancellationToken).ConfigureAwait(false) ? TargetState.Same : TargetState.Different;
    }

    private static async Task<bool> SameBytesAsync(Stream a, Stream b, CancellationToken cancellationToken)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var left = new byte[81920];
        var right = new byte[left.Length];
        while (true)
        {
            var read = await a.ReadAtLeastAsync(left, left.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            await b.ReadExactlyAsync(right.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return true;
            }

            if (!left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, read)))
            {
                return false;
            }
        }
    }

    /// <summary>Writes next to the target and then moves over it, so that an interrupted write never leaves half a sample.</summary>
    private static async Task WriteFileAsync(string name, string path, CancellationToken cancellationToken)
    {
        var partial = path + ".partial";
        await using (var shipped = ShippedSamples.Open(name))
        await using (var file = File.Create(partial))
        {
            await shipped.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        File.Move(partial, path, overwrite: true);
    }
}
