using System.ComponentModel;
using System.Net;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>Arguments of <c>kimera serve</c> (docs/cli.md).</summary>
public sealed class ServeSettings : CommandSettings
{
    public const string DefaultDirectory = "runs";
    public const int DefaultPort = 5180;
    public const string DefaultHost = "127.0.0.1";

    [CommandArgument(0, "[DIR]")]
    [Description("Folder whose sub-folders are run folders (kimera run's --out parent). Default: " + DefaultDirectory + ".")]
    public string Directory { get; init; } = DefaultDirectory;

    [CommandOption("--port <N>")]
    [Description("TCP port to listen on; 0 takes a free one. Default: 5180.")]
    public int? Port { get; init; }

    [CommandOption("--host <ADDR>")]
    [Description("IP address to listen on. Default: 127.0.0.1 (this machine only); 0.0.0.0 or another address opens the console to the network.")]
    public string? Host { get; init; }

    /// <summary>The address to bind: <see cref="Host"/> or 127.0.0.1 (<c>localhost</c> is 127.0.0.1 too).</summary>
    public IPAddress Address => Host?.Trim() is { Length: > 0 } host
        ? host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(host)
        : IPAddress.Parse(DefaultHost);

    public override ValidationResult Validate()
    {
        if (Port is < 0 or > 65535)
        {
            return ValidationResult.Error($"--port {Port} must be between 0 and 65535.");
        }

        if (Host?.Trim() is { Length: > 0 } host && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(host, out _))
        {
            return ValidationResult.Error($"--host '{Host}' is not an IP address (such as 127.0.0.1, 0.0.0.0 or ::1).");
        }

        return File.Exists(Directory) ? ValidationResult.Error($"'{Directory}' is a file, not a folder of runs.") : ValidationResult.Success();
    }
}
