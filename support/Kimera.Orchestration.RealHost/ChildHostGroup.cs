using System.Globalization;
using Microsoft.DurableTask.Client;

namespace Kimera.Orchestration.RealHost;

/// <summary>Several child hosts (<see cref="ChildHostProcess"/>) on one task hub over Azurite: the same settings, each its own
/// process with its own ready file, all taking work items from the hub's one work-item queue and sharing its control-queue
/// partitions, as the instances of a Flex Consumption app do. A host is known by its process id, which the markers of
/// <see cref="MarkingRunStoreFactory"/> carry, so a test can tell which host ran which chunk.</summary>
public sealed class ChildHostGroup : IAsyncDisposable
{
    private readonly List<ChildHostProcess> _hosts = [];
    private readonly ChildHostSettings _settings;
    private readonly TimeSpan _startCap;

    private ChildHostGroup(ChildHostSettings settings, TimeSpan startCap)
    {
        _settings = settings;
        _startCap = startCap;
    }

    /// <summary>The hosts started so far, in start order (killed ones included).</summary>
    public IReadOnlyList<ChildHostProcess> Hosts => _hosts;

    /// <summary>A client of the task hub, through the first host still running (any host's client sees the whole hub).</summary>
    public DurableTaskClient Client => _hosts.FirstOrDefault(h => !h.HasExited)?.Client
        ?? throw new InvalidOperationException("No host of the group is running.");

    /// <summary>Starts <paramref name="count"/> hosts side by side and waits until each serves (each up to <paramref name="startCap"/>).</summary>
    /// <param name="settings">The settings of every host; the ready file is made per host from its name.</param>
    public static async Task<ChildHostGroup> StartAsync(ChildHostSettings settings, int count, TimeSpan startCap)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var group = new ChildHostGroup(settings, startCap);
        try
        {
            await group.AddAsync(count).ConfigureAwait(false);
        }
        catch
        {
            await group.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return group;
    }

    /// <summary>Starts <paramref name="count"/> more hosts with the group's settings (changed by <paramref name="change"/>,
    /// e.g. to hold chunks on one host) and waits until they serve; returns them.</summary>
    public async Task<IReadOnlyList<ChildHostProcess>> AddAsync(int count = 1, Func<ChildHostSettings, ChildHostSettings>? change = null)
    {
        var starting = Enumerable.Range(_hosts.Count, count).Select(index =>
        {
            var settings = _settings with { ReadyFile = _settings.ReadyFile + "-" + index.ToString(CultureInfo.InvariantCulture) };
            return ChildHostProcess.StartAsync(change is null ? settings : change(settings), _startCap);
        }).ToList();
        try
        {
            await Task.WhenAll(starting).ConfigureAwait(false);
        }
        finally
        {
            // Hosts that did start are the group's to dispose, even when another failed.
            _hosts.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        return [.. starting.Select(t => t.Result)];
    }

    /// <summary>What every host printed, each under its process id, for failure messages.</summary>
    public string Output => string.Join('\n', _hosts.Select(h => $"--- host {h.ProcessId.ToString(CultureInfo.InvariantCulture)}{(h.HasExited ? " (exited)" : string.Empty)}:\n{h.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }
}
