using System.Security.Cryptography;
using System.Text;

namespace Kimera.Engine.Reactor;

/// <summary>
/// All scars of one run, by id: the resonance reads scar weights from here for the scar penalty,
/// the reactor adds to it. Not thread-safe: one registry belongs to one reactor at a time.
/// </summary>
public sealed class ScarRegistry
{
    private readonly Dictionary<string, Scar> _byId = new(StringComparer.Ordinal);
    private readonly List<Scar> _inOrder = [];

    /// <summary>Number of scars registered.</summary>
    public int Count => _inOrder.Count;

    /// <summary>Scars in creation order.</summary>
    public IReadOnlyList<Scar> Scars => _inOrder;

    /// <summary>The scar with this id.</summary>
    /// <exception cref="KeyNotFoundException">No scar has this id.</exception>
    public Scar this[string scarId] => _byId.TryGetValue(scarId, out var scar)
        ? scar
        : throw new KeyNotFoundException($"No scar with id '{scarId}' in this registry.");

    public bool TryGet(string scarId, out Scar? scar) => _byId.TryGetValue(scarId, out scar);

    /// <summary>Weight of the scar with this id.</summary>
    /// <exception cref="KeyNotFoundException">No scar has this id.</exception>
    public double WeightOf(string scarId) => this[scarId].Weight;

    /// <summary>Registers a scar.</summary>
    /// <exception cref="ArgumentException">A scar with the same id is already registered.</exception>
    public void Add(Scar scar)
    {
        ArgumentNullException.ThrowIfNull(scar);
        if (!_byId.TryAdd(scar.ScarId, scar))
        {
            throw new ArgumentException($"A scar with id '{scar.ScarId}' is already registered.", nameof(scar));
        }

        _inOrder.Add(scar);
    }

    /// <summary>
    /// The id the next scar of this pair gets: a UUID (RFC 9562 version 8, "custom") made of the first
    /// 16 bytes of SHA-256 over UTF-8 <c>"scar:{Count}:{first}:{second}"</c>. The original used uuid4;
    /// a derived id keeps runs reproducible (same seed, same pairs, same ids) and is unique within the
    /// registry because <see cref="Count"/> grows with every scar.
    /// </summary>
    public string NextScarId(string firstGid, string secondGid)
    {
        ArgumentNullException.ThrowIfNull(firstGid);
        ArgumentNullException.ThrowIfNull(secondGid);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"scar:{Count}:{firstGid}:{secondGid}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
