using MolGrid.Molecules;

namespace MolGrid.Grains.Services;

/// <summary>
/// Morgan fingerprints (radius 2, 2048 bits) of candidates by molecule key, so a similarity query parses each
/// candidate's SMILES once per process rather than once per query. A key is a hash of the canonical SMILES, so
/// an entry never goes stale and one cache serves every campaign. Bounded: past <see cref="Capacity"/> entries
/// the oldest go first (about 300 bytes each, so at most some 60 MB).
/// </summary>
internal sealed class CandidateFingerprints(int capacity)
{
    public const int DefaultCapacity = 200_000;

    public static CandidateFingerprints Shared { get; } = new(DefaultCapacity);

    private readonly Dictionary<string, BitFingerprint> _byKey = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Capacity => capacity;

    public int Count { get { lock (_byKey) return _byKey.Count; } }

    public BitFingerprint? Get(string key)
    {
        lock (_byKey) return _byKey.GetValueOrDefault(key);
    }

    /// <summary>Stores the fingerprint (unless one is there already) and returns the stored one.</summary>
    public BitFingerprint Add(string key, BitFingerprint fp)
    {
        lock (_byKey)
        {
            if (_byKey.TryGetValue(key, out var held)) return held;
            while (_byKey.Count >= capacity && _order.TryDequeue(out var oldest)) _byKey.Remove(oldest);
            _byKey[key] = fp;
            _order.Enqueue(key);
            return fp;
        }
    }
}
