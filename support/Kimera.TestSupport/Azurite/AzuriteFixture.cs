using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kimera.TestSupport.Azurite;

/// <summary>Azurite (the Azure Storage emulator from <c>node_modules</c>) on free local ports, started once per test
/// process and shared by every test class that asks for it (<c>IClassFixture&lt;AzuriteFixture&gt;</c> or a collection fixture).</summary>
/// <remarks>Tests share one emulator, so each test works in its own table or container (<see cref="UniqueName"/>).
/// The emulator lives until the test process exits: disposing one class's fixture must not pull it from under
/// the classes still running in parallel. A watchdog inside the node process ends it if the test process dies without cleaning up.</remarks>
public sealed class AzuriteFixture : IDisposable
{
    /// <summary>The emulator's single account and its published key (learn.microsoft.com, "Use the Azurite emulator").</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<AzuriteProcess> Shared = new(StartShared, LazyThreadSafetyMode.ExecutionAndPublication);

    public AzuriteFixture()
    {
        var process = Shared.Value;
        BlobPort = process.BlobPort;
        QueuePort = process.QueuePort;
        TablePort = process.TablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public Uri BlobEndpoint => Endpoint(BlobPort);

    public Uri QueueEndpoint => Endpoint(QueuePort);

    public Uri TableEndpoint => Endpoint(TablePort);

    /// <summary>The full development-storage connection string, with the three endpoints on this emulator's ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>A name valid for a table, a container and a queue (lowercase letters and digits, starts with a letter, at most 63 characters),
    /// unique in this process: every test gets fresh storage on the shared emulator.</summary>
    public static string UniqueName(string prefix = "t")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        if (!char.IsAsciiLetterLower(prefix[0]) || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) || prefix.Length > 30)
        {
            throw new ArgumentException($"Prefix '{prefix}' must be lowercase letters and digits, start with a letter and have at most 30 characters.", nameof(prefix));
        }

        return prefix + Guid.NewGuid().ToString("N");
    }

    /// <summary>Nothing to do per class: the shared emulator is stopped when the test process exits.</summary>
    public void Dispose()
    {
    }

    private static Uri Endpoint(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/{AccountName}"));

    private static AzuriteProcess StartShared()
    {
        var process = AzuriteProcess.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.Dispose();
        return process;
    }

    /// <summary>One Azurite node process; <see cref="Dispose"/> kills its process tree.</summary>
    private sealed class AzuriteProcess : IDisposable
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
        private readonly Process _process;
        private readonly string _location;

        private AzuriteProcess(Process process, string location, int blobPort, int queuePort, int tablePort)
        {
            _process = process;
            _location = location;
            BlobPort = blobPort;
            QueuePort = queuePort;
            TablePort = tablePort;
        }

        public int BlobPort { get; }

        public int QueuePort { get; }

        public int TablePort { get; }

        public static AzuriteProcess Start()
        {
            var root = RepoPaths.RepoRoot;
            var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
            if (!File.Exists(script))
            {
                throw new InvalidOperationException(
                    $"Azurite is not installed: '{script}' is missing. Run `npm ci` in '{root}' (test.sh does it when node_modules is missing).");
            }

            // A port picked free can be taken by someone else before Azurite binds it; try again with new ports.
            Exception? last = null;
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                try
                {
                    return TryStart(root, script);
                }
                catch (AzuriteStartException ex)
                {
                    last = ex;
                }
            }

            throw new InvalidOperationException($"Azurite did not start after 3 attempts: {last?.Message}", last);
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
            try
            {
                Directory.Delete(_location, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: it only holds Azurite's debug files.
            }
        }

        private static AzuriteProcess TryStart(string root, string script)
        {
            var ports = LoopbackPorts.Free(3);
            var location = Path.Combine(Path.GetTempPath(), "kimera-azurite", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(location);
            var watchdog = Path.Combine(location, "watchdog.js");
            // Preloaded into the node process: exit when the test process is gone, so a crashed or killed test run leaves no emulator behind.
            File.WriteAllText(watchdog, """
                const parent = Number(process.env.KIMERA_AZURITE_PARENT_PID);
                setInterval(() => { try { process.kill(parent, 0); } catch { process.exit(0); } }, 1000).unref();
                """);
            var start = new ProcessStartInfo("node")
            {
                // Azurite refuses --location together with --inMemoryPersistence; running it in a scratch folder keeps anything it
                // might still write out of the repository.
                WorkingDirectory = location,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--require", watchdog, script,
                "--inMemoryPersistence", "--skipApiVersionCheck", "--silent", "--loose", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(CultureInfo.InvariantCulture),
            })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["KIMERA_AZURITE_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            var output = new StringBuilder();
            // Ready when Azurite has said, for each of the three services, that it listens on the port given to it: it prints
            // that line once the service's server is bound (also with --silent, which only turns off the access log).
            var listening = new HashSet<string>(StringComparer.Ordinal);
            var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var expected = new Dictionary<string, int> { ["Blob"] = ports[0], ["Queue"] = ports[1], ["Table"] = ports[2] };
            void OnOutput(string? line)
            {
                Append(output, line);
                foreach (var (service, port) in expected)
                {
                    if (line is not null && line.Contains(
                        string.Create(CultureInfo.InvariantCulture, $"Azurite {service} service is successfully listening at http://127.0.0.1:{port}"),
                        StringComparison.Ordinal))
                    {
                        lock (listening)
                        {
                            if (listening.Add(service) && listening.Count == expected.Count)
                            {
                                ready.TrySetResult(true);
                            }
                        }
                    }
                }
            }

            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => OnOutput(e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            // An emulator that ends before it listens (a port taken meanwhile, a broken install) is not coming up.
            process.Exited += (_, _) => ready.TrySetResult(false);
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                process.Dispose();
                throw new InvalidOperationException($"Cannot run 'node' to start Azurite ({ex.Message}); install Node.js and run `npm ci` in '{root}'.", ex);
            }

            // Drain both pipes so a chatty emulator never blocks on a full pipe; keep the text for the error message.
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var azurite = new AzuriteProcess(process, location, ports[0], ports[1], ports[2]);
            string? failure = null;
            try
            {
                // The overall bound is only a safety net: a healthy emulator reports in a second or two.
                if (!ready.Task.WaitAsync(StartTimeout).GetAwaiter().GetResult())
                {
                    // Exited: wait for the end of its output, which holds the reason.
                    process.WaitForExit();
                    failure = $"exited with code {process.ExitCode}";
                }
            }
            catch (TimeoutException)
            {
                failure = $"did not report listening within {StartTimeout.TotalSeconds:0} s";
            }

            if (failure is not null)
            {
                azurite.Dispose();
                string text;
                lock (output)
                {
                    text = output.ToString();
                }

                throw new AzuriteStartException($"Azurite on ports {string.Join(", ", ports)} {failure}. Output: {text}");
            }

            return azurite;
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private sealed class AzuriteStartException(string message) : Exception(message);
}
