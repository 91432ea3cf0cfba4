namespace MolGrid.Grains.Contracts;

/// <summary>
/// Keys of work grains: <c>{capability}/{rest}</c>, e.g. <c>gpu/CAMPAIGN/BATCH</c>. The capability leads the key
/// so the placement director can read, from the grain id alone, which silos may host the activation; the rest
/// (campaign and batch) makes a resend of the same batch land on the same activation.
/// </summary>
public static class WorkKey
{
    public static string For(string capability, string rest)
    {
        if (!MolGrid.Pipelines.Scoring.Capabilities.All.Contains(capability))
            throw new ArgumentException($"unknown capability '{capability}' (expected cpu, gpu or docking)", nameof(capability));
        if (string.IsNullOrWhiteSpace(rest)) throw new ArgumentException("a work key needs a campaign/batch part", nameof(rest));
        return $"{capability}/{rest}";
    }

    /// <summary>The capability of a work grain key; throws <see cref="ArgumentException"/> when the key has none.</summary>
    public static string CapabilityOf(string key)
    {
        var slash = key.IndexOf('/');
        var capability = slash > 0 ? key[..slash] : "";
        if (!MolGrid.Pipelines.Scoring.Capabilities.All.Contains(capability))
            throw new ArgumentException($"work grain key '{key}' does not start with a capability (cpu/, gpu/ or docking/)", nameof(key));
        return capability;
    }
}
