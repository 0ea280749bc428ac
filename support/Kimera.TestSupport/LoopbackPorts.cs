using System.Net;
using System.Net.Sockets;

namespace Kimera.TestSupport;

/// <summary>Free TCP ports on the loopback interface, for the emulators and hosts the tests start.</summary>
/// <remarks>Asking the OS (bind to port 0) rather than drawing a random number: the durable test host's own default, a
/// random port in 30000-40000, overlaps Linux's ephemeral range and once collided with a connection already using it.</remarks>
public static class LoopbackPorts
{
    /// <summary><paramref name="count"/> distinct ports that were free a moment ago.</summary>
    public static int[] Free(int count)
    {
        // Hold every listener until all ports are known, so the same port is not handed out twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>Starts something listening on a free port, with another port if the first was taken in between.</summary>
    public static async Task<T> StartOnFreePortAsync<T>(Func<int, Task<T>> start, int attempts = 3)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(Free(1)[0]);
            }
            catch (Exception ex) when (attempt < attempts && IsAddressInUse(ex))
            {
            }
        }
    }

    private static bool IsAddressInUse(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }
}
