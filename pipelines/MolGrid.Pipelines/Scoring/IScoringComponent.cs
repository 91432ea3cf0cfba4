namespace MolGrid.Pipelines.Scoring;

/// <summary>
/// One named, versioned measurement of a molecule (QED, a descriptor, similarity to references, a QSAR
/// prediction, a docking score...). Components compute raw values; transforms and aggregation live
/// elsewhere. Results are cached by (molecule key, <see cref="Name"/>, <see cref="Version"/>), so bump the
/// version whenever the computation's output could change.
/// </summary>
public interface IScoringComponent
{
    /// <summary>Stable name, unique within a scoring function (e.g. "qed", "tpsa", "qsar_gp:KCNH2", "vina:PGD").</summary>
    string Name { get; }

    /// <summary>Version of the computation (and of its model or data), part of the cache key.</summary>
    string Version { get; }

    /// <summary>Which silos may run it: <see cref="Capabilities"/>.</summary>
    string Capability { get; }

    /// <summary>Raw values aligned with <paramref name="molecules"/>. A molecule this component cannot
    /// score gets <see cref="ComponentResult.Fail"/> with the reason; that never fails the batch.</summary>
    Task<IReadOnlyList<ComponentResult>> ComputeAsync(IReadOnlyList<ScoringMolecule> molecules, CancellationToken cancellationToken);
}

/// <summary>The work queues silos subscribe to. A silo started with --roles cpu,gpu takes both kinds.</summary>
public static class Capabilities
{
    public const string Cpu = "cpu";
    public const string Gpu = "gpu";
    public const string Docking = "docking";

    public static IReadOnlyList<string> All { get; } = [Cpu, Gpu, Docking];
}
