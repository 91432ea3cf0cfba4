using MolGrid.Molecules;

namespace MolGrid.Pipelines.Scoring.Components;

/// <summary>Base of components that compute one number per molecule on the CPU. A molecule that cannot
/// be scored (bad SMILES, RDKit failure) gets a failed result with the reason; the batch goes on.</summary>
public abstract class MoleculeComponent(string name, string version) : IScoringComponent
{
    public string Name { get; } = name;

    public string Version { get; } = version;

    public virtual string Capability => Capabilities.Cpu;

    protected abstract double Compute(ScoringMolecule molecule);

    public Task<IReadOnlyList<ComponentResult>> ComputeAsync(IReadOnlyList<ScoringMolecule> molecules, CancellationToken cancellationToken)
    {
        var results = new ComponentResult[molecules.Count];
        for (var i = 0; i < molecules.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var v = Compute(molecules[i]);
                results[i] = double.IsFinite(v) ? ComponentResult.Ok(v) : ComponentResult.Fail($"{Name} is not a finite number ({v})");
            }
            catch (InvalidInputException e)
            {
                results[i] = ComponentResult.Fail(e.Message);
            }
        }
        return Task.FromResult<IReadOnlyList<ComponentResult>>(results);
    }
}

/// <summary>SMARTS queries compiled once per thread: an RDKit molecule belongs to one thread.</summary>
public sealed class ThreadLocalQueries(IReadOnlyList<string> smarts)
{
    private readonly ThreadLocal<Molecule[]> _queries = new(() => smarts.Select(MoleculeParser.ParseSmarts).ToArray());

    public IReadOnlyList<string> Smarts { get; } = smarts;

    public Molecule[] Get() => _queries.Value!;

    /// <summary>Parses every pattern once on the calling thread, so a bad SMARTS fails at configuration time.</summary>
    public static ThreadLocalQueries Validated(IReadOnlyList<string> smarts, string path)
    {
        foreach (var s in smarts)
        {
            try { using var _ = MoleculeParser.ParseSmarts(s); }
            catch (InvalidMoleculeException e) { throw new Design.SpecException(path, $"bad SMARTS '{s}': {e.Reason}", e); }
        }
        return new ThreadLocalQueries(smarts);
    }
}
