using MolGrid.Molecules;

namespace MolGrid.Pipelines.Design.Generators;

/// <summary>Settings of a loop that are not part of the campaign's spec (they change speed, not results).</summary>
public sealed record DesignLoopOptions
{
    /// <summary>Threads breeding children in one Propose; the result does not depend on it.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>PMO's early stop: end after this many rounds in which the mean of the top 100 scores rose by
    /// less than 0.001 (0 = never). Not counted as stalling for results: the budget is simply not spent.</summary>
    public int Patience { get; init; }
}

/// <summary>
/// Propose/score/select loop shared by the generators: round 0 scores the start population; every later
/// round breeds children from the population, scores those never scored before and keeps the best
/// <see cref="GeneratorSpec.PopulationSize"/> (after the diversity filter) as the next parents. Random
/// numbers come from (seed, round, child index), so Propose is a pure function of the state and children
/// may be bred on any number of threads.
/// </summary>
public abstract class EvolutionaryLoop : IDesignLoop
{
    /// <summary>Rounds in a row that proposed nothing new before the loop gives up.</summary>
    public const int MaxStalledRounds = 5;

    private readonly IReadOnlyList<string> _startCandidates;
    private readonly DiversityFilter _diversity;
    private readonly DiversityFold _fold;

    protected EvolutionaryLoop(DesignSpec spec, DesignLoopOptions options, IReadOnlyList<string> startCandidates)
    {
        Spec = spec;
        Options = options;
        _startCandidates = startCandidates;
        _diversity = new DiversityFilter(spec.Diversity);
        _fold = new DiversityFold(_diversity);
    }

    public DesignSpec Spec { get; }

    public DesignLoopOptions Options { get; }

    protected GeneratorSpec Generator => Spec.Generator;

    public DesignState Start()
    {
        var size = Generator.StartSize > 0 ? Generator.StartSize : Generator.PopulationSize;
        var start = StartPopulation.Sample(_startCandidates, size, Spec.Seed);
        if (start.Count == 0)
            throw new SpecException("generator", "the start population has no valid SMILES");
        return new DesignState
        {
            Round = 0, OracleCalls = 0, Seed = Spec.Seed, Population = start, Scored = [],
            GeneratorState = new LoopMemory().ToJson(),
        };
    }

    public IReadOnlyList<string> Propose(DesignState state)
    {
        if (IsDone(state)) return [];
        var remaining = Spec.Budget - state.OracleCalls;
        var seen = new HashSet<string>(state.Scored.Select(s => s.Smiles), StringComparer.Ordinal);
        if (state.Scored.Count == 0)
            return state.Population.Where(s => !seen.Contains(s)).Take(remaining).ToArray();

        var population = RankedPopulation(state);
        if (population.Count == 0) return [];
        var children = Breed(population, state.Seed, state.Round);
        var proposal = new List<string>();
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (child is null) continue;
            var canonical = Canonical(child);
            if (canonical is null || seen.Contains(canonical) || !fresh.Add(canonical)) continue;
            proposal.Add(canonical);
            if (proposal.Count >= remaining) break;
        }
        return proposal;
    }

    public DesignState Accept(DesignState state, IReadOnlyList<MoleculeScore> scores)
    {
        var memory = LoopMemory.FromJson(state.GeneratorState);
        var scored = state.Scored.Concat(scores).ToArray();
        var diversity = _fold.At(scored);

        var total = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in scored)
            if (!s.Failed) total.TryAdd(s.Smiles, s.Total);
        double Effective(string smiles) => diversity.Penalized.TryGetValue(smiles, out var p) ? p : total[smiles];

        var candidates = new List<(string Smiles, double Score, int Order)>();
        var inPool = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in state.Population.Concat(scores.Select(x => x.Smiles)))
            if (total.ContainsKey(s) && inPool.Add(s)) candidates.Add((s, Effective(s), candidates.Count));
        var ranked = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Order).Select(c => (c.Smiles, c.Score)).ToArray();
        var population = _diversity.Select(ranked, Generator.PopulationSize);

        var top100 = scored.Where(s => !s.Failed).Select(s => s.Total).OrderDescending().Take(100).DefaultIfEmpty(0).Average();
        var improved = top100 - memory.BestTop100 >= 1e-3;
        memory = memory with
        {
            Stalled = scores.Count == 0 ? memory.Stalled + 1 : 0,
            // PMO checks progress only once more than 100 molecules are scored.
            NoImprovement = scored.Length <= 100 || improved ? 0 : memory.NoImprovement + 1,
            BestTop100 = scored.Length <= 100 ? top100 : Math.Max(top100, memory.BestTop100),
        };
        return state with
        {
            Round = state.Round + 1,
            OracleCalls = state.OracleCalls + scores.Count,
            Population = population.Count > 0 || state.Scored.Count > 0 ? population : state.Population,
            Scored = scored,
            GeneratorState = memory.ToJson(),
        };
    }

    public bool IsDone(DesignState state)
    {
        if (state.OracleCalls >= Spec.Budget) return true;
        var memory = LoopMemory.FromJson(state.GeneratorState);
        if (memory.Stalled >= MaxStalledRounds) return true;
        return Options.Patience > 0 && memory.NoImprovement >= Options.Patience;
    }

    /// <summary>The population with its (effective) scores, best first.</summary>
    private IReadOnlyList<(string Smiles, double Score)> RankedPopulation(DesignState state)
    {
        var diversity = _fold.At(state.Scored);
        var total = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in state.Scored)
            if (!s.Failed) total.TryAdd(s.Smiles, s.Total);
        return state.Population.Where(total.ContainsKey)
            .Select(s => (s, diversity.Penalized.TryGetValue(s, out var p) ? p : total[s])).ToArray();
    }

    /// <summary>Children of the population for round <paramref name="round"/> (null where breeding failed);
    /// must depend only on its arguments.</summary>
    protected abstract IReadOnlyList<string?> Breed(IReadOnlyList<(string Smiles, double Score)> population, long seed, int round);

    /// <summary>Runs <paramref name="count"/> independent child computations, each with its own random
    /// stream (seed, round, index), on up to <see cref="DesignLoopOptions.MaxParallelism"/> threads.</summary>
    protected string?[] ForEachChild(int count, long seed, int round, Func<int, DesignRandom, string?> makeChild)
    {
        var children = new string?[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.MaxParallelism) }, i =>
        {
            try { children[i] = makeChild(i, new DesignRandom(seed, round, i)); }
            catch (InvalidInputException) { children[i] = null; }
        });
        return children;
    }

    private static string? Canonical(string smiles)
    {
        if (!MoleculeParser.TryParseSmiles(smiles, out var mol, out _)) return null;
        using (mol)
        {
            if (mol!.AtomCount == 0) return null;
            return MoleculeWriter.CanonicalSmiles(mol);
        }
    }
}
