using Orleans.Runtime;

namespace MolGrid.Grains.Campaigns;

/// <summary>How a campaign grain activation names itself as the store lease's holder:
/// <c>orleans:{silo address}:{activation id}</c>, so another silo can tell whether the holder's silo is alive.</summary>
internal static class LeaseOwner
{
    private const string Prefix = "orleans:";

    public static string Format(SiloAddress silo, string activation) => $"{Prefix}{silo.ToParsableString()}:{activation}";

    /// <summary>The holder's silo, or null for a holder that is not an Orleans activation or does not parse.</summary>
    public static SiloAddress? SiloOf(string holder)
    {
        if (!holder.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = holder[Prefix.Length..];
        var cut = rest.LastIndexOf(':');
        if (cut <= 0) return null;
        try { return SiloAddress.FromParsableString(rest[..cut]); }
        catch (Exception) { return null; } // a holder string written by something else
    }
}
