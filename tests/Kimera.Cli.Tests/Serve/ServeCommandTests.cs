using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Serve;

/// <summary>
/// <c>kimera serve</c> as a user starts it: without <c>--host</c> it binds 127.0.0.1 and its first line says so with the
/// URL, which answers the runs API; SIGTERM (as Ctrl-C) stops it with exit code 0. The test waits for the line, never sleeps.
/// </summary>
[Trait("Category", "Process")]
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Without_host_it_binds_the_loopback_address_says_so_and_answers_the_runs_api()
    {
        HandMadeRunFolders.Finished(_root.Path, "done", wrong: 2);
        var start = KimeraProcess.StartInfo(new Dictionary<string, string?>(), "serve", _root.Path, "--port", "0");
        using var serve = Process.Start(start) ?? throw new InvalidOperationException("Could not start kimera.");
        var error = serve.StandardError.ReadToEndAsync();
        try
        {
            var line = await serve.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException($"kimera serve printed nothing: {await error}");

            Assert.StartsWith("kimera serve: the runs console of ", line, StringComparison.Ordinal);
            Assert.Contains("(bound to 127.0.0.1: this machine only; --host to open it to others)", line, StringComparison.Ordinal);
            var url = new Uri(line.Split(' ').Single(w => w.StartsWith("http://", StringComparison.Ordinal)));
            Assert.Equal("127.0.0.1", url.Host);
            using var http = new HttpClient();
            using var runs = JsonDocument.Parse(await http.GetStringAsync(new Uri(url, "api/runs")));
            Assert.Equal("Finished", runs.RootElement.GetProperty("runs")[0].GetProperty("runtimeStatus").GetString());
        }
        finally
        {
            using var stop = Process.Start("kill", ["-TERM", serve.Id.ToString(CultureInfo.InvariantCulture)]);
            await stop.WaitForExitAsync();
        }

        await serve.WaitForExitAsync();
        Assert.True(serve.ExitCode == 0, await error);
    }
}
