namespace MolGrid.Grains.Contracts;

/// <summary>
/// No live, non-draining silo has the role a work grain needs. Raised by placement, so the caller gets it at
/// once instead of waiting out a response timeout; <see cref="Silos"/> says what the cluster had instead.
/// </summary>
[GenerateSerializer, Alias("molgrid.no-capable-silo")]
public sealed class NoCapableSiloException : Exception
{
    public NoCapableSiloException(string capability, string silos)
        : base($"no silo can take '{capability}' work: none of the live, non-draining silos has that role (silos: {silos})")
    {
        Capability = capability;
        Silos = silos;
    }

    [Id(0)] public string Capability { get; }

    /// <summary>Each silo seen, with its roles and whether it drains, for the message and for operators.</summary>
    [Id(1)] public string Silos { get; }
}
